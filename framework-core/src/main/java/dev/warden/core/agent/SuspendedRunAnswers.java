package dev.warden.core.agent;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answers a suspended run waits for ({@link GovernedAgent#resume}, {@link GovernedAgent#confirm},
 * {@link GovernedAgent#expireOverdue}): who may give them, and claiming the run exactly once before the loop continues
 * or ends it.
 */
final class SuspendedRunAnswers {
    private SuspendedRunAnswers() {
    }

    /** An approver's decision; the run continues (or ends denied) once it is claimed. */
    static Uni<RunResult> resume(AgentSettings settings, AgentLoop loop, String approvalId,
            ApprovalResolution resolution) {
        Objects.requireNonNull(resolution, "resolution");
        SuspendedRun peek = settings.store().find(approvalId).orElseThrow(() -> settings.store().isResolved(
                approvalId, resolution.approver().tenant())
                ? new ApprovalException(ApprovalException.ALREADY_RESOLVED, "approval " + approvalId
                        + " was already resolved")
                : new ApprovalException(ApprovalException.UNKNOWN, "no pending approval with id " + approvalId));
        if (peek.approval().isConfirmation()) {
            throw new ApprovalException(ApprovalException.WRONG_KIND, approvalId
                    + " waits for the requester's own confirmation, not for an approver");
        }
        ResolverChecks.approver(settings.identity(), peek.approval(), resolution.approver());
        SuspendedRun run = settings.store().claim(approvalId).orElseThrow(() -> new ApprovalException(
                ApprovalException.ALREADY_RESOLVED, "approval " + approvalId + " was already resolved"));
        return loop.resume(run, resolution);
    }

    /** The requester's own answer to a call suspended for confirmation. */
    static Uni<RunResult> confirm(AgentSettings settings, AgentLoop loop, String confirmationId,
            ConfirmationResolution answer) {
        Objects.requireNonNull(answer, "answer");
        SuspendedRun peek = settings.store().find(confirmationId).orElseThrow(() -> settings.store().isResolved(
                confirmationId)
                ? new ApprovalException(ApprovalException.ALREADY_RESOLVED, "confirmation " + confirmationId
                        + " was already answered")
                : new ApprovalException(ApprovalException.UNKNOWN, "no pending confirmation with id "
                        + confirmationId));
        ResolverChecks.requester(settings.identity(), peek.approval(), answer);
        SuspendedRun run = settings.store().claim(confirmationId).orElseThrow(() -> new ApprovalException(
                ApprovalException.ALREADY_RESOLVED, "confirmation " + confirmationId + " was already answered"));
        return loop.resume(run, new ApprovalResolution(answer.confirm(), answer.requester(), null,
                answer.continueRun()));
    }

    /** Ends every pending approval and confirmation of this agent that has expired; returns the denied runs. */
    static List<RunResult> expireOverdue(AgentSettings settings, AgentLoop loop) {
        List<RunResult> out = new ArrayList<>();
        var now = settings.governor().clock().instant();
        for (PendingApproval pa : settings.store().pending(null)) { // approvals and confirmations alike
            if (pa.agentId().equals(settings.identity().id()) && pa.expiredAt(now)) {
                settings.store().claim(pa.approvalId()).ifPresent(run -> out.add(loop.expire(run)));
            }
        }
        return out;
    }
}
