package dev.warden.spi;

import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.SuspendedRun;
import java.util.List;
import java.util.Optional;

/**
 * Keeps runs suspended for approval. {@link #claim} is the exactly-once gate: of any number of concurrent claims of
 * one approval id, exactly one returns the run; durable implementations do it in one transaction (e.g.
 * {@code DELETE … RETURNING} or a status compare-and-set).
 */
public interface SuspendedRunStore {
    void save(SuspendedRun run);

    Optional<SuspendedRun> find(String approvalId);

    /** Atomically removes and returns the run; empty if unknown or already claimed. */
    Optional<SuspendedRun> claim(String approvalId);

    /** Whether the approval existed and was already claimed (to tell "already resolved" from "unknown"). */
    default boolean isResolved(String approvalId) {
        return false;
    }

    /**
     * Whether the approval existed <em>in {@code tenant}</em> and was already claimed. Callers answering another
     * tenant use this rather than {@link #isResolved(String)}, so "resolved elsewhere" and "never existed" look the same
     * (no cross-tenant existence oracle). The default says {@code false} ("unknown"), which never leaks.
     */
    default boolean isResolved(String approvalId, String tenant) {
        return false;
    }

    /** Pending approvals of a tenant, oldest first. */
    List<PendingApproval> pending(String tenant);
}
