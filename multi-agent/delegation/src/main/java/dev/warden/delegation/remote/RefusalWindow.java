package dev.warden.delegation.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Aggregates refusals that nobody can be held to (the caller's token did not verify), so that a flood of them costs
 * the audit trail one record per key and window instead of one durable append each. Per key (for the receiver:
 * source, agent and code) the first refusal of a window is recorded individually — an attack is visible at once —
 * and the rest are only counted; when the window has closed, one {@link Summary} with the count is emitted. At most
 * {@code maxKeys} keys are tracked; beyond that, refusals are counted under {@link #OVERFLOW_KEY}, so memory stays
 * bounded while nothing goes uncounted. Time is the injected clock's. Thread-safe.
 */
public final class RefusalWindow {
    /** Key under which refusals are counted once {@code maxKeys} distinct keys are open. */
    public static final String OVERFLOW_KEY = "*";

    /** {@code suppressed} refusals of {@code key} in {@code [from, to)} that were not recorded individually. */
    public record Summary(String key, long suppressed, Instant from, Instant to) {}

    private static final class Window {
        final Instant from;
        long suppressed;

        Window(Instant from) {
            this.from = from;
        }
    }

    private final Clock clock;
    private final Duration length;
    private final int maxKeys;
    private final Consumer<Summary> summaries;
    private final Map<String, Window> open = new java.util.HashMap<>();

    /**
     * @param length how long a window stays open; {@link Duration#ZERO} records every refusal individually
     * @param summaries receives the summary of each closed window that suppressed at least one refusal
     */
    public RefusalWindow(Clock clock, Duration length, int maxKeys, Consumer<Summary> summaries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.length = Objects.requireNonNull(length, "length");
        this.maxKeys = maxKeys;
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    /**
     * Counts one refusal of {@code key}.
     *
     * @return whether this refusal is to be recorded individually (the first of its window)
     */
    public boolean admit(String key) {
        flushExpired();
        if (length.isZero()) {
            return true;
        }
        synchronized (open) {
            Window w = open.get(key);
            if (w == null && open.size() >= maxKeys) {
                key = OVERFLOW_KEY;
                w = open.get(key);
            }
            if (w == null) {
                open.put(key, new Window(clock.instant()));
                return true;
            }
            w.suppressed++;
            return false;
        }
    }

    /** Emits the summaries of the windows that have closed; call periodically (the receiver also calls it). */
    public void flushExpired() {
        emit(false);
    }

    /** Closes every open window now and emits their summaries (at shutdown). */
    public void flushAll() {
        emit(true);
    }

    private void emit(boolean all) {
        Instant now = clock.instant();
        List<Summary> closed = new ArrayList<>();
        synchronized (open) {
            var it = open.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                Instant end = e.getValue().from.plus(length);
                if (all || !now.isBefore(end)) {
                    it.remove();
                    if (e.getValue().suppressed > 0) {
                        closed.add(new Summary(e.getKey(), e.getValue().suppressed, e.getValue().from,
                                all && now.isBefore(end) ? now : end));
                    }
                }
            }
        }
        closed.forEach(summaries); // outside the lock: recording is a durable append
    }
}
