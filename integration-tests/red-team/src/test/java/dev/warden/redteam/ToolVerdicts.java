package dev.warden.redteam;

import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Verdict;
import dev.warden.identity.IdentityPlane;
import dev.warden.policy.PolicyEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the suites' governance classes share: the identity and action-boundary planes over one {@link PolicyEngine}
 * (budgets in memory), and the record of every tool-call verdict by run and call id, in order (a held call later gets
 * the human's verdict).
 */
final class ToolVerdicts {
    private ToolVerdicts() {}

    /** A governor builder with identity and action-boundary over {@code engine}, recording into {@code verdicts}. */
    static Governor.Builder governor(PolicyEngine engine, Map<String, Map<String, List<Verdict>>> verdicts) {
        return Governor.builder()
                .plane(IdentityPlane.builder().engine(engine).build())
                .plane(ActionBoundaryPlane.builder().engine(engine)
                        .budgetStore(new InMemoryBudgetStore(Clock.systemUTC())).build())
                .observer((request, context, verdict, ignored) -> record(verdicts, request, context, verdict));
    }

    static void record(Map<String, Map<String, List<Verdict>>> verdicts, CheckpointRequest request,
            GovernanceContext context, Verdict verdict) {
        if (request.checkpoint() == Checkpoint.TOOL_CALL && request.toolCallId() != null && context.runId() != null) {
            verdicts.computeIfAbsent(context.runId(), k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(request.toolCallId(), k -> new ArrayList<>()).add(verdict);
        }
    }
}
