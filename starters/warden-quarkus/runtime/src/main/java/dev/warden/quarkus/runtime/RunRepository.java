package dev.warden.quarkus.runtime;

import dev.warden.quarkus.api.Dtos.RunView;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest state of recent runs for {@code GET /v1/runs/{id}}, bounded (oldest evicted first). The audit trail,
 * not this cache, is the record of what happened; a restarted service answers from the audit API.
 */
@Singleton
public class RunRepository {
    static final int CAPACITY = 10_000;

    private final Map<String, Entry> runs = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** A run with the tenant it belongs to. */
    public record Entry(String tenant, RunView view) {}

    public synchronized void put(String tenant, RunView view) {
        runs.put(view.runId(), new Entry(tenant, view));
    }

    public synchronized Optional<Entry> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }
}
