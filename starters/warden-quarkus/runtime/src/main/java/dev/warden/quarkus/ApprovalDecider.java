package dev.warden.quarkus;

import dev.warden.core.Principal;

/**
 * Decides approvals that are not suspended agent runs — for example calls the MCP gateway holds for a human. A bean
 * implementing this interface is consulted by {@code POST /v1/approvals/{id}/decision} before the agents' suspended
 * runs, so approvers use one API for every kind of approval.
 *
 * <p>Implementations enforce their own rules (tenant, separation of duties, approver roles, exactly once) and report
 * refusals as {@link dev.warden.core.agent.ApprovalException} or {@code ApiProblem}, which the API maps to
 * problem+json. Must be thread-safe; {@link #decide} is called on a worker thread and may block.
 *
 * <pre>{@code
 * @Singleton
 * class HeldPayments implements ApprovalDecider {
 *     public boolean owns(String approvalId) { return approvalId.startsWith("pay-"); }
 *     public Object decide(String id, Principal approver, boolean approve, String comment) { ... }
 * }
 * }</pre>
 */
public interface ApprovalDecider {

    /** Whether {@code approvalId} is one of this decider's approvals (cheap; called for every decision request). */
    boolean owns(String approvalId);

    /** Records the decision and returns the JSON body of the answer. */
    Object decide(String approvalId, Principal approver, boolean approve, String comment);

    /**
     * Whether {@code GET /v1/approvals} shows this pending entry of the shared store to approvers; a decider that keeps
     * bookkeeping entries in the store (for example granted calls waiting to be repeated) hides them. Default: shown.
     */
    default boolean lists(dev.warden.core.agent.PendingApproval approval) {
        return true;
    }

    /**
     * Answers one of this decider's pending <em>confirmations</em> for {@code POST /v1/confirmations/{id}}: only the
     * requester may, and to confirm they quote the arguments digest they were shown. Default: this decider holds no
     * confirmations.
     */
    default Object confirm(String confirmationId, Principal requester, boolean confirm, String argumentsDigest) {
        throw new dev.warden.core.agent.ApprovalException(dev.warden.core.agent.ApprovalException.WRONG_KIND,
                confirmationId + " is not a confirmation");
    }
}
