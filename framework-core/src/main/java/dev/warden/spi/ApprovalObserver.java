package dev.warden.spi;

import dev.warden.core.agent.ApprovalOutcome;
import dev.warden.core.agent.PendingApproval;

/**
 * Observes the life of approvals and confirmations: notifications, inboxes, dashboards. Observers only observe: they
 * are called after the store committed the change (after {@link SuspendedRunStore#save} for a request, after the
 * exactly-once {@link SuspendedRunStore#claim} and the audit record for a resolution), their exceptions are logged and
 * swallowed, and they can never change an outcome.
 *
 * <p>Each event is reported once, by the process that caused it: the replica that suspended the run reports the
 * request, the replica whose claim won reports the resolution (an approver's decision, the requester's answer, or the
 * expiry sweeper's). Threading: called on the thread of the run or of the decision, which may be a request thread;
 * implementations must return quickly (hand slow work such as network I/O to a queue of their own).
 *
 * <pre>{@code
 * GovernedAgent.builder()...approvalObserver(new ApprovalObserver() {
 *     public void requested(PendingApproval a) { inbox.add(a); }
 *     public void resolved(PendingApproval a, ApprovalOutcome o) { inbox.remove(a.approvalId()); }
 * }).build();
 * }</pre>
 */
public interface ApprovalObserver {

    /** A call now waits for an approver or for the requester's confirmation. */
    default void requested(PendingApproval approval) {}

    /** A pending call was approved, denied, confirmed, declined or expired. */
    default void resolved(PendingApproval approval, ApprovalOutcome outcome) {}
}
