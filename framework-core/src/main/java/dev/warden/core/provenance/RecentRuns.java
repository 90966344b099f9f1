package dev.warden.core.provenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-run state keyed by run id, bounded in runs and expiring: when more than {@code maxRuns} runs are remembered, the
 * runs not touched for {@code ttl} are forgotten, then the least recently touched ones until the bound holds. Lookups
 * are lock-free; a touch takes one short lock and costs O(1) amortised whatever the bound (the runs are kept in touch
 * order, so eviction takes them from the head instead of searching every run for the oldest).
 *
 * <p>Thread-safe. The state objects themselves are the caller's to guard. Used by the provenance tracker and by
 * planes that remember what a run has seen (the data-flow ledger), so that every such table forgets in the same way.
 *
 * <pre>{@code
 * RecentRuns<List<String>> seen = new RecentRuns<>(1000, Duration.ofHours(1));
 * List<String> items = seen.touch("run-1", clock.instant(), ArrayList::new);
 * synchronized (items) { items.add("balance: 1,200.00"); }
 * List<String> later = seen.get("run-1", clock.instant()); // null once forgotten or expired
 * }</pre>
 *
 * @param <R> the state kept per run
 */
public final class RecentRuns<R> {
    private static final class Slot<R> {
        final R state;
        volatile Instant lastSeen;

        Slot(R state, Instant now) {
            this.state = state;
            this.lastSeen = now;
        }
    }

    private final int maxRuns;
    private final Duration ttl;
    private final Map<String, Slot<R>> byId = new ConcurrentHashMap<>();
    /** The same slots, least recently touched first; guarded by {@code this}. */
    private final LinkedHashMap<String, Slot<R>> byTouch = new LinkedHashMap<>(64, 0.75f, true);

    public RecentRuns(int maxRuns, Duration ttl) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be positive");
        }
        this.maxRuns = maxRuns;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /** The run's state if it is remembered and was touched within the ttl before {@code now}, else {@code null}. */
    public R get(String runId, Instant now) {
        Slot<R> s = runId == null ? null : byId.get(runId);
        return s == null || expired(s, now) ? null : s.state;
    }

    /** Whether the run is remembered at all (expired or not): it has not been forgotten yet. */
    public boolean contains(String runId) {
        return runId != null && byId.containsKey(runId);
    }

    /**
     * The run's state, created by {@code create} if the run is not remembered, marked as seen at {@code now}. A run
     * that expired but has not been forgotten yet is kept and seen again, as it was before expiry. A new run that would
     * take the count past {@code maxRuns} first makes room as the class describes.
     */
    public R touch(String runId, Instant now, Supplier<? extends R> create) {
        Objects.requireNonNull(runId, "runId");
        synchronized (this) {
            Slot<R> s = byTouch.get(runId); // moves it to the tail
            if (s == null) {
                if (byTouch.size() >= maxRuns) {
                    makeRoom(now); // before adding, so that size() never reads above the bound
                }
                s = new Slot<>(create.get(), now);
                byTouch.put(runId, s);
                byId.put(runId, s);
            }
            s.lastSeen = now;
            return s.state;
        }
    }

    /** Number of runs remembered. */
    public int size() {
        return byId.size();
    }

    /** Forgets expired runs from the head, then the least recently touched, until one more run fits. */
    private void makeRoom(Instant now) {
        Iterator<Map.Entry<String, Slot<R>>> it = byTouch.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Slot<R>> oldest = it.next();
            if (byTouch.size() < maxRuns && !expired(oldest.getValue(), now)) {
                return;
            }
            it.remove();
            byId.remove(oldest.getKey());
        }
    }

    private boolean expired(Slot<R> s, Instant now) {
        return s.lastSeen.plus(ttl).isBefore(now);
    }
}
