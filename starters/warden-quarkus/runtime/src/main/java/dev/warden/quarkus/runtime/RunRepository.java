package dev.warden.quarkus.runtime;

import dev.warden.quarkus.RunsConfig;
import dev.warden.quarkus.api.Dtos.RunView;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest state of recent runs for {@code GET /v1/runs/{id}}, bounded by {@code warden.runs.recent-capacity}
 * (oldest evicted first). The audit trail, not this cache, is the record of what happened; a restarted service answers
 * from the audit API. Created at start, so a capacity under 1 stops the start.
 */
@Startup
@Singleton
public class RunRepository {
    private final Map<String, Entry> runs;

    @Inject
    RunRepository(RunsConfig config) {
        this(config.recentCapacity());
    }

    RunRepository(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("warden.runs.recent-capacity must be at least 1 (was " + capacity + ")");
        }
        this.runs = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A run with the tenant it belongs to. */
    public record Entry(String tenant, RunView view) {}

    public synchronized void put(String tenant, RunView view) {
        runs.put(view.runId(), new Entry(tenant, view));
    }

    public synchronized Optional<Entry> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /**
     * Makes equal parts of the kept views one instance ({@link SharedRunParts}, decision 0071): before the idle
     * compaction, so the heap it leaves is smaller. Every run answers as before.
     */
    void onIdleCompaction(@Observes IdleCompaction compaction) {
        share();
    }

    /**
     * One pass of {@link SharedRunParts} over the kept runs; returns how many were kept. The shared views are built
     * outside the lock the run path takes (a burst may begin while the idle service compacts); each is put back only
     * where the run still holds the entry the pass read, so a newer state is never replaced by an older one.
     */
    int share() {
        Map<String, Entry> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(runs);
        }
        SharedRunParts parts = new SharedRunParts();
        Map<String, Entry> shared = new LinkedHashMap<>(snapshot.size() * 2);
        for (Map.Entry<String, Entry> e : snapshot.entrySet()) {
            Entry kept = e.getValue();
            shared.put(e.getKey(), new Entry(parts.str(kept.tenant()), parts.share(kept.view())));
        }
        synchronized (this) {
            for (Map.Entry<String, Entry> e : shared.entrySet()) {
                runs.computeIfPresent(e.getKey(), (id, now) -> now == snapshot.get(id) ? e.getValue() : now);
            }
            return runs.size();
        }
    }
}
