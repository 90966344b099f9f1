package dev.warden.quarkus.runtime;

import dev.warden.quarkus.StreamingConfig;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event logs of recent runs ({@link RunEventLog}), bounded by {@code warden.streaming.buffered-runs} (oldest
 * evicted first). Like {@link RunRepository} a cache for live readers, not the record: the audit trail is.
 */
@Singleton
public class RunEventLogs {
    private final int capacity;
    private final int eventsPerRun;
    private final Map<String, RunEventLog> logs;

    RunEventLogs(StreamingConfig config) {
        this.capacity = Math.max(1, config.bufferedRuns());
        this.eventsPerRun = config.eventBuffer();
        this.logs = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RunEventLog> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The log of {@code runId}, created for its requester on first use. */
    public synchronized RunEventLog open(String runId, String tenant, String userId, String agentId) {
        return logs.computeIfAbsent(runId, id -> new RunEventLog(tenant, userId, agentId, eventsPerRun));
    }

    public synchronized Optional<RunEventLog> find(String runId) {
        return Optional.ofNullable(logs.get(runId));
    }
}
