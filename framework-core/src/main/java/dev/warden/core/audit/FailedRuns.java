package dev.warden.core.audit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The runs whose deferred audit records were lost ({@link JsonlGroupCommit}, decision 0047): every later append of such
 * a run is refused. Bounded: a run is forgotten once {@code ttlNanos} passed since its record was lost <em>and</em>
 * since its last refused append (a run that keeps trying stays refused); while more than {@code max} runs are
 * remembered, the table is {@link #full()} and the sink refuses every append, until enough of them are forgotten.
 *
 * <p>Not a shorter rule such as "forget after the first refused barrier": the agent loop tells the model about a
 * refused tool call and goes on to the next one, which must be refused too. Not thread-safe: the caller's lock guards
 * it.
 */
final class FailedRuns {
    private final int max;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    /** Run → when it was last touched (lost a record or was refused); oldest first. */
    private final LinkedHashMap<String, Long> runs = new LinkedHashMap<>(16, 0.75f, true);

    FailedRuns(int max, long ttlNanos, LongSupplier nanoTime) {
        if (max <= 0 || ttlNanos <= 0) {
            throw new IllegalArgumentException("max and ttl must be positive");
        }
        this.max = max;
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
    }

    /** Remembers that a record of {@code run} was lost. */
    void add(String run) {
        runs.put(run, nanoTime.getAsLong());
    }

    /**
     * Whether {@code run} lost a record and is still remembered; if so, the refusal that follows keeps it remembered
     * for another {@code ttl}.
     */
    boolean refuses(String run) {
        if (runs.isEmpty()) {
            return false;
        }
        expire();
        if (!runs.containsKey(run)) {
            return false;
        }
        runs.put(run, nanoTime.getAsLong()); // access order: now the most recent
        return true;
    }

    /** More runs remembered than the bound: the caller refuses every append until some are forgotten. */
    boolean full() {
        if (runs.size() <= max) {
            return false;
        }
        expire();
        return runs.size() > max;
    }

    int size() {
        expire();
        return runs.size();
    }

    int max() {
        return max;
    }

    private void expire() {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<String, Long>> it = runs.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() < ttlNanos) {
                return; // oldest first: the rest are younger
            }
            it.remove();
        }
    }
}
