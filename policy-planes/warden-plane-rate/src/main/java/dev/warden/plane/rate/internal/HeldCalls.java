package dev.warden.plane.rate.internal;

import dev.warden.action.BudgetStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reservations of calls whose outcome is not known yet (evaluated, maybe waiting for an approval), by call key.
 * {@link #commit} forgets them (the units stay counted), {@link #abort} gives them back to the store. Entries of calls
 * never settled are dropped once every bucket they hold has left its window (a release would change nothing then);
 * a full ledger stops holding new calls, which then simply stay counted (fail safe: never under-counts).
 */
public final class HeldCalls {
    static final int SWEEP_EVERY = 1024;

    private record Entry(List<SlidingWindow.Held> held, long forgetAt) {}

    private final Map<String, Entry> byCall = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final Clock clock;
    private final int maxCalls;

    public HeldCalls(Clock clock, int maxCalls) {
        this.clock = clock;
        this.maxCalls = maxCalls;
    }

    /** Remembers what {@code callKey} reserved, until {@code forgetAtMillis}. */
    public void hold(String callKey, List<SlidingWindow.Held> held, long forgetAtMillis) {
        if (held.isEmpty() || callKey == null) {
            return;
        }
        if (writes.incrementAndGet() % SWEEP_EVERY == 0 || byCall.size() >= maxCalls) {
            sweep();
        }
        if (byCall.size() >= maxCalls) {
            return; // stays counted
        }
        byCall.merge(callKey, new Entry(List.copyOf(held), forgetAtMillis), (a, b) -> {
            List<SlidingWindow.Held> all = new java.util.ArrayList<>(a.held());
            all.addAll(b.held());
            return new Entry(List.copyOf(all), Math.max(a.forgetAt(), b.forgetAt()));
        });
    }

    /** The call went ahead: its units stay counted. */
    public void commit(String callKey) {
        if (callKey != null) {
            byCall.remove(callKey);
        }
    }

    /** The call did not go ahead: its units go back to the store. Returns how many were released. */
    public long abort(String callKey, BudgetStore store) {
        Entry e = callKey == null ? null : byCall.remove(callKey);
        if (e == null) {
            return 0;
        }
        long n = 0;
        for (SlidingWindow.Held h : e.held()) {
            store.release(h.key(), h.amount());
            n += h.amount();
        }
        return n;
    }

    /** Calls currently held. */
    public int size() {
        return byCall.size();
    }

    void sweep() {
        long now = clock.millis();
        byCall.values().removeIf(e -> e.forgetAt() <= now);
    }
}
