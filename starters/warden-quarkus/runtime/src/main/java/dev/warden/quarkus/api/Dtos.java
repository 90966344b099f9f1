package dev.warden.quarkus.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.warden.core.ArgumentOrigin;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.EscalationView;
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
    public record RunRequest(@JsonDeserialize(using = StrictJson.Text.class) String input,
            @JsonDeserialize(using = StrictJson.Text.class) String conversationId) {}

    /**
     * One checkpoint verdict of a run; {@code planes} names each plane's own verdict (those that did more than allow,
     * and allows too with {@code warden.audit.report-allows=true}).
     */
    public record DecisionView(int step, String checkpoint, String decision, String tool, List<String> ruleIds,
            String code, String reason, List<DecisionSummary.PlaneVerdict> planes) {
        static DecisionView of(DecisionSummary d) {
            return new DecisionView(d.step(), d.checkpoint(), d.outcome(), d.tool(), d.ruleIds(), d.code(),
                    d.reason(), d.planes());
        }
    }

    /**
     * A run as the caller sees it. When {@code status} is {@code AWAITING_CONFIRMATION}, {@code confirmationId} names
     * the pending confirmation and {@code confirmation} shows the exact call to confirm (with the digest to quote);
     * {@code approvalId} is set for approvals and, for compatibility, confirmations alike.
     */
    public record RunView(String runId, String agentId, String userId, String status, String output,
            String approvalId, String code, List<DecisionView> decisions, Instant updatedAt, String confirmationId,
            ConfirmationView confirmation) {
        static RunView of(String agentId, String userId, RunResult r, Instant at) {
            PendingApproval p = r.approval();
            boolean confirming = p != null && p.isConfirmation();
            return new RunView(r.runId(), agentId, userId, r.status().name(), r.output(),
                    p == null ? null : p.approvalId(), r.code(),
                    r.decisions().stream().map(DecisionView::of).toList(), at, confirming ? p.approvalId() : null,
                    confirming ? ConfirmationView.of(p, null) : null);
        }
    }

    /**
     * One argument of a pending call as a person sees it: its value (secrets as {@code [REDACTED:SECRET]}), its
     * labels ({@code SECRET}) and where it came from, where a plane knew.
     *
     * @param provenance USER, TRUSTED, ENDORSED, UNTRUSTED or UNKNOWN
     * @param source what it came from (the user's request, a tool, a file), or {@code null}
     * @param sourceLabels labels of that source, e.g. {@code CONFIDENTIAL/UNTRUSTED}, or {@code null}
     */
    public record ArgumentView(String name, Object value, List<String> labels, String provenance, String source,
            String sourceLabels) {
        static List<ArgumentView> of(PendingApproval p, EscalationView view) {
            if (view != null) {
                return view.arguments().stream().map(a -> new ArgumentView(a.name(), a.value(),
                        a.secret() ? List.of("SECRET") : List.of(), a.origin().provenance(), a.origin().source(),
                        a.origin().labels() == null ? null : a.origin().labels().toString())).toList();
            }
            return p.shownArguments().entrySet().stream().map(e -> {
                ArgumentOrigin o = p.origins().stream().filter(x -> x.argument().equals(e.getKey())).findFirst()
                        .orElse(new ArgumentOrigin(e.getKey(), ArgumentOrigin.UNKNOWN, null, null));
                return new ArgumentView(e.getKey(), e.getValue(),
                        p.secretArguments().contains(e.getKey()) ? List.of("SECRET") : List.of(), o.provenance(),
                        o.source(), o.labels() == null ? null : o.labels().toString());
            }).toList();
        }
    }

    /**
     * A call waiting for its requester's confirmation: exactly what will run. Confirm by quoting
     * {@code argumentsDigest}; any other arguments need a new confirmation.
     */
    public record ConfirmationView(String confirmationId, String runId, String agentId, String tool,
            List<ArgumentView> arguments, String argumentsDigest, String reason, List<String> ruleIds,
            String userRequest, List<DecisionView> trace, Instant requestedAt, Instant expiresAt,
            DeclassificationView declassification, String askedBy) {
        static ConfirmationView of(PendingApproval p, EscalationView view) {
            return new ConfirmationView(p.approvalId(), p.runId(), p.agentId(), p.toolName(), ArgumentView.of(p, view),
                    p.argumentsDigest(), p.reason(), p.ruleIds(), view == null ? null : view.userRequest(),
                    view == null ? null : view.trace().stream().map(DecisionView::of).toList(), p.requestedAt(),
                    p.expiresAt(), DeclassificationView.of(p.declassification()),
                    p.relay() == null ? null : p.relay().calleeAgentId());
        }
    }

    /**
     * What confirming lowers (decision 0039): the labels of what the call sends ({@code from}) and the sink's clearance
     * they are lowered to ({@code to}); {@code null} on a plain confirmation. {@code askedBy} on the confirmation names
     * the delegated agent whose call it is, when the question was relayed through this run.
     */
    public record DeclassificationView(String from, String to, String sink, List<String> ruleIds) {
        static DeclassificationView of(dev.warden.core.Declassification d) {
            return d == null ? null : new DeclassificationView(text(d.from()), text(d.to()), d.sink(), d.ruleIds());
        }

        private static String text(dev.warden.core.Labels l) {
            return l.level() + (l.categories().isEmpty() ? "" : "/" + String.join(",", l.categories()));
        }
    }

    /**
     * {@code POST /v1/confirmations/{id}}: {@code confirm} true with the digest shown, or false to decline; with
     * {@code "continue": true} a decline refuses only this call and the run goes on ("not this, carry on").
     */
    public record ConfirmationAnswer(@JsonDeserialize(using = StrictJson.Bool.class) Boolean confirm,
            @JsonDeserialize(using = StrictJson.Text.class) String argumentsDigest,
            @com.fasterxml.jackson.annotation.JsonProperty("continue")
            @JsonDeserialize(using = StrictJson.Bool.class) Boolean continueRun) {}

    /** A tool in the inventory. */
    public record ToolView(String name, String description, List<String> effects) {}

    /** An agent in the inventory. */
    public record AgentView(String id, String description, String owner, String version, List<String> policies,
            List<ToolView> tools) {}

    /**
     * A pending approval, with what the approver needs to decide: the user's request, the run's decision trace up to
     * the call, and each argument's value (secrets redacted), labels and origin. {@code arguments} is the same values
     * as a map.
     */
    public record ApprovalView(String approvalId, String runId, String agentId, String requesterId, String tool,
            Map<String, Object> arguments, String reason, Set<String> approverRoles, List<String> ruleIds,
            Instant requestedAt, Instant expiresAt, String userRequest, List<DecisionView> trace,
            List<ArgumentView> argumentDetails) {
        static ApprovalView of(PendingApproval p) {
            return of(p, null);
        }

        static ApprovalView of(PendingApproval p, EscalationView view) {
            return new ApprovalView(p.approvalId(), p.runId(), p.agentId(), p.requesterId(), p.toolName(),
                    p.shownArguments(), p.reason(), p.approverRoles(), p.ruleIds(), p.requestedAt(), p.expiresAt(),
                    view == null ? null : view.userRequest(),
                    view == null ? null : view.trace().stream().map(DecisionView::of).toList(),
                    ArgumentView.of(p, view));
        }
    }

    /** {@code POST /v1/approvals/{id}/decision}. */
    public record ApprovalDecision(@JsonDeserialize(using = StrictJson.Bool.class) Boolean approve,
            @JsonDeserialize(using = StrictJson.Text.class) String comment) {}

    /** {@code GET /v1/audit/verify}. */
    public record VerifyView(boolean valid, long records, Long firstBrokenSeq, String tenant, String message) {}

    /** {@code GET /v1/dev/tokens/{user}}. */
    public record DevToken(String user, String token, Instant expiresAt) {}
}
