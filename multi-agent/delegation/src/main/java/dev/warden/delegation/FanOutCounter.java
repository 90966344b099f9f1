package dev.warden.delegation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Delegations started per caller run, bounded (least recently used runs are forgotten first). */
final class FanOutCounter {
    private final Map<String, Integer> counts;

    FanOutCounter(int capacity) {
        this.counts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one more delegation for {@code runId}; false (and nothing counted) when the limit is reached. */
    synchronized boolean tryAcquire(String runId, int limit) {
        String key = runId == null ? "<no-run>" : runId;
        int n = counts.getOrDefault(key, 0);
        if (n >= limit) {
            return false;
        }
        counts.put(key, n + 1);
        return true;
    }
}
