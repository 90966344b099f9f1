package dev.warden.core.agent;

import dev.warden.core.GovernanceContext;
import java.util.List;

/**
 * The result of a run or of a resumption.
 *
 * @param runId stable across suspension and resumption
 * @param status how it ended
 * @param output the agent's answer (COMPLETED), or a notice of why there is none
 * @param approval the pending approval when {@code status == AWAITING_APPROVAL}
 * @param decisions every checkpoint verdict of this run so far, in order
 * @param context the final governance context (labels reached, usage)
 * @param code stable code of what stopped the run, if anything
 */
public record RunResult(String runId, RunStatus status, String output, PendingApproval approval,
        List<DecisionSummary> decisions, GovernanceContext context, String code) {
    public RunResult {
        decisions = List.copyOf(decisions);
    }
}
