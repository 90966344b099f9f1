package dev.warden.core.agent;

import dev.warden.spi.SuspendedRunStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Suspended runs in memory (lost on restart). Claims are exactly-once through {@link ConcurrentHashMap#remove}. */
public final class InMemorySuspendedRunStore implements SuspendedRunStore {
    private final ConcurrentHashMap<String, SuspendedRun> runs = new ConcurrentHashMap<>();

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
        return Optional.ofNullable(approvalId == null ? null : runs.remove(approvalId));
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
