package dev.warden.core.agent;

import dev.warden.spi.SuspendedRunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Suspended runs in memory (lost on restart). Claims are exactly-once through {@link ConcurrentHashMap#remove}. */
public final class InMemorySuspendedRunStore implements SuspendedRunStore {
    private static final int RESOLVED_MEMORY = 100_000;
    private final ConcurrentHashMap<String, SuspendedRun> runs = new ConcurrentHashMap<>();
    /** Claimed approval id → its tenant, the newest {@value #RESOLVED_MEMORY} kept. */
    private final Map<String, String> resolved = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > RESOLVED_MEMORY;
                }
            });

    @Override
    public void save(SuspendedRun run) {
        runs.put(run.approval().approvalId(), run);
    }

    @Override
    public Optional<SuspendedRun> find(String approvalId) {
        return Optional.ofNullable(approvalId == null ? null : runs.get(approvalId));
    }

    @Override
    public Optional<SuspendedRun> claim(String approvalId) {
        SuspendedRun run = approvalId == null ? null : runs.remove(approvalId);
        if (run != null) {
            resolved.put(approvalId, String.valueOf(run.approval().tenant()));
        }
        return Optional.ofNullable(run);
    }

    @Override
    public boolean isResolved(String approvalId) {
        return resolved.containsKey(approvalId);
    }

    @Override
    public boolean isResolved(String approvalId, String tenant) {
        return approvalId != null && String.valueOf(tenant).equals(resolved.get(approvalId));
    }

    @Override
    public List<PendingApproval> pending(String tenant) {
        List<PendingApproval> out = new ArrayList<>();
        for (SuspendedRun r : runs.values()) {
            if (tenant == null || tenant.equals(r.approval().tenant())) {
                out.add(r.approval());
            }
        }
        out.sort(Comparator.comparing(PendingApproval::requestedAt));
        return out;
    }
}
