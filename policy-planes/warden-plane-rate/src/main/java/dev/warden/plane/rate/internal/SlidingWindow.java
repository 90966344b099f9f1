package dev.warden.plane.rate.internal;

import dev.warden.action.BudgetKey;
import dev.warden.action.BudgetStore;
import dev.warden.plane.rate.RateLimit;
import java.time.Instant;

/**
 * A sliding window counted in a {@link BudgetStore} as a grid of sub-window counters (bucket width = window /
 * buckets, aligned on the epoch). A call at time {@code t} counts the buckets that overlap {@code (t - window, t]}:
 * the current bucket and the {@code buckets} before it. The closed buckets only ever shrink (a release), so reading
 * their sum and then reserving in the current bucket with the remaining room ({@link BudgetStore#tryReserve}, atomic
 * in every store) never lets the window pass its limit, in one process or across replicas sharing a store. Calls
 * racing across a bucket boundary may each see the other's bucket as not yet closed; they are still bounded by the
 * current bucket's atomic check.
 */
public final class SlidingWindow {
    private SlidingWindow() {}

    /** A unit reserved in one bucket; released if the call does not go ahead. */
    public record Held(BudgetKey key, long amount) {}

    /** The result of {@link #reserve}: {@code held} is {@code null} when refused; {@code used} counts the window. */
    public record Attempt(Held held, long used) {
        public boolean granted() {
            return held != null;
        }
    }

    /** Reserves one call for {@code subject} under counter {@code counter}. */
    public static Attempt reserve(BudgetStore store, String counter, String subject, RateLimit limit, Instant now) {
        long width = limit.bucketMillis();
        long current = Math.floorDiv(now.toEpochMilli(), width) * width;
        long from = current - limit.window().toMillis();
        long closed = store.usedBetween(counter, subject, from, current, width);
        BudgetKey key = new BudgetKey(counter, subject, current);
        long room = limit.limit() - closed;
        if (room < 1) {
            return new Attempt(null, closed + store.used(key));
        }
        // the bucket counts in every window that overlaps it: until the end of the last such window
        Instant expires = Instant.ofEpochMilli(current + width + limit.window().toMillis());
        BudgetStore.Reservation r = store.tryReserve(key, 1, room, expires);
        return r.granted() ? new Attempt(new Held(key, 1), closed + r.used()) : new Attempt(null, closed + r.used());
    }
}
