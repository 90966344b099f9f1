package dev.warden.quarkus.api;

import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON shapes of the REST API (kept apart from core types so the wire format is stable). */
public final class Dtos {
    private Dtos() {}

    /** {@code POST /v1/agents/{agentId}/runs}. */
    public record RunRequest(String input, String conversationId) {}

    /** One checkpoint verdict of a run. */
    public record DecisionView(int step, String checkpoint, String decision, String tool, List<String> ruleIds,
            String code, String reason) {
        static DecisionView of(DecisionSummary d) {
            return new DecisionView(d.step(), d.checkpoint(), d.outcome(), d.tool(), d.ruleIds(), d.code(),
                    d.reason());
        }
    }

    /** A run as the caller sees it. */
    public record RunView(String runId, String agentId, String userId, String status, String output,
            String approvalId, String code, List<DecisionView> decisions, Instant updatedAt) {
        static RunView of(String agentId, String userId, RunResult r, Instant at) {
            return new RunView(r.runId(), agentId, userId, r.status().name(), r.output(),
                    r.approval() == null ? null : r.approval().approvalId(), r.code(),
                    r.decisions().stream().map(DecisionView::of).toList(), at);
        }
    }

    /** A tool in the inventory. */
    public record ToolView(String name, String description, List<String> effects) {}

    /** An agent in the inventory. */
    public record AgentView(String id, String description, String owner, String version, List<String> policies,
            List<ToolView> tools) {}

    /** A pending approval. */
    public record ApprovalView(String approvalId, String runId, String agentId, String requesterId, String tool,
            Map<String, Object> arguments, String reason, Set<String> approverRoles, List<String> ruleIds,
            Instant requestedAt, Instant expiresAt) {
        static ApprovalView of(PendingApproval p) {
            return new ApprovalView(p.approvalId(), p.runId(), p.agentId(), p.requesterId(), p.toolName(),
                    p.arguments(), p.reason(), p.approverRoles(), p.ruleIds(), p.requestedAt(), p.expiresAt());
        }
    }

    /** {@code POST /v1/approvals/{id}/decision}. */
    public record ApprovalDecision(Boolean approve, String comment) {}

    /** {@code GET /v1/audit/verify}. */
    public record VerifyView(boolean valid, long records, Long firstBrokenSeq, String tenant, String message) {}

    /** {@code GET /v1/dev/tokens/{user}}. */
    public record DevToken(String user, String token, Instant expiresAt) {}
}
