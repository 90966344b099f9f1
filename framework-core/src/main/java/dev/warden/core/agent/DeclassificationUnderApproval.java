package dev.warden.core.agent;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Declassification;
import dev.warden.core.Outcome;
import dev.warden.core.PlaneDecision;
import dev.warden.core.SecretArguments;
import dev.warden.core.Verdict;
import dev.warden.core.tools.ToolAuthorization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A call that both a second person must approve and its requester must declassify (decision 0040): neither answers
 * for the other. The run suspends for the requester's confirmation of exactly the arguments first (they can judge the
 * text); once confirmed — recorded with {@link Declassification#DECLASSIFIED} as a {@code REQUIRE_APPROVAL}, since the
 * call still waits — it suspends again for the approver, who is told the requester declassified it. Only the
 * approver's yes runs the call, recorded {@code ALLOW} with the declassification's code. Declining, denying or expiry
 * at either step ends it as any confirmation or approval does.
 */
final class DeclassificationUnderApproval {
    private DeclassificationUnderApproval() {}

    /** Suspends for the requester's confirmation, carrying the approval still due. */
    static RunResult suspend(GovernedAgent agent, RunState s, ToolAuthorization auth, CalleeRelay.Finish finish) {
        Verdict v = auth.verdict();
        Decision.RequireConfirmation c = v.confirmation();
        Decision.RequireApproval a = v.approval();
        PendingApproval.ApprovalDue due = new PendingApproval.ApprovalDue(a.reason(), a.approverRoles(), a.ttl(),
                rules(v, true));
        String reason = c.reason() + "; once you confirm, an approver" + (a.approverRoles().isEmpty() ? ""
                : " " + a.approverRoles()) + " must still approve it (" + a.reason() + ")";
        Instant now = agent.settings().governor().clock().instant();
        PendingApproval pa = new PendingApproval(agent.settings().ids().get(), s.runId, s.ctx.agent().id(), s.ctx.tenant(),
                s.ctx.user().id(), auth.tool().name(), auth.call().id(), auth.effectiveArguments(), reason, Set.of(),
                rules(v, false), s.ctx.labels().toString(), now, now.plus(c.ttl()), PendingApproval.Kind.CONFIRMATION,
                null, v.origins(), SecretArguments.present(auth.tool(), auth.effectiveArguments()),
                c.declassification(), null, due);
        agent.store().save(new SuspendedRun(pa, s.messages, auth.call(), new ArrayList<>(s.queue), s.ctx, s.step,
                s.toolCalls, s.userInput, s.decisions, s.labels, RunLinks.traceparent(s.agentSpan),
                agent.settings().tools().repeats().memory(s.runId)));
        agent.settings().approvalEvents().requested(pa);
        return finish.apply(pa, RunStatus.AWAITING_CONFIRMATION, "Waiting for your confirmation: " + reason);
    }

    /**
     * The requester's confirmation of {@code pa}, as recorded: the declassification is theirs ({@code WARDEN-DCL-0720},
     * who, from → to, rules, digest), and the call still waits for the approver.
     */
    static Verdict confirmed(CheckpointRequest req, PendingApproval pa, String who) {
        PendingApproval.ApprovalDue due = pa.approvalDue();
        String reason = "declassified by " + who + " (the requester, shown the arguments verbatim): "
                + pa.declassification().describe() + "; rules " + pa.ruleIds() + digest(pa)
                + "; the call now waits for an approver: " + due.reason();
        Basis basis = new Basis(Verdict.CONFIRMATION_PLANE, null, null, pa.ruleIds(), Basis.Mode.ENFORCE);
        Decision.RequireApproval next = new Decision.RequireApproval(reason, due.approverRoles(), due.ttl(),
                pa.origins(), basis);
        return new Verdict(req.checkpoint(), Outcome.REQUIRE_APPROVAL, reason, Declassification.DECLASSIFIED,
                List.of(new PlaneDecision(Verdict.CONFIRMATION_PLANE, next, 0)), List.of(), req, next, 0);
    }

    /** After the requester's confirmation: the run waits for the approver, shown what the requester declassified. */
    static RunResult awaitApprover(GovernedAgent agent, RunState s, SuspendedRun run, CalleeRelay.Finish finish) {
        PendingApproval confirmed = run.approval();
        PendingApproval.ApprovalDue due = confirmed.approvalDue();
        Instant now = agent.settings().governor().clock().instant();
        String reason = due.reason() + " (the requester " + confirmed.requesterId() + " confirmed the declassification "
                + confirmed.declassification().describe() + " of exactly these arguments)";
        PendingApproval pa = new PendingApproval(agent.settings().ids().get(), confirmed.runId(), confirmed.agentId(),
                confirmed.tenant(), confirmed.requesterId(), confirmed.toolName(), confirmed.toolCallId(),
                confirmed.arguments(), reason, due.approverRoles(), due.ruleIds(), confirmed.contextLabels(), now,
                now.plus(due.ttl()), PendingApproval.Kind.APPROVAL, confirmed.argumentsDigest(), confirmed.origins(),
                confirmed.secretArguments(), confirmed.declassification(), null, null);
        agent.store().save(new SuspendedRun(pa, s.messages, run.pendingCall(), new ArrayList<>(s.queue), s.ctx,
                s.step, s.toolCalls, s.userInput, s.decisions, s.labels, RunLinks.traceparent(s.agentSpan),
                agent.settings().tools().repeats().memory(s.runId)));
        agent.settings().approvalEvents().requested(pa);
        return finish.apply(pa, RunStatus.AWAITING_APPROVAL, "Waiting for approval: " + reason);
    }

    /** The approver's yes on a call its requester declassified: it runs, recorded with the declassification's code. */
    static Verdict approved(String plane, CheckpointRequest req, PendingApproval pa, String who) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(pa.ruleIds());
        ids.addAll(pa.declassification().ruleIds());
        return Verdict.humanDecision(plane, req, true, "approved by " + who + " after the requester "
                + pa.requesterId() + " declassified it: " + pa.declassification().describe() + digest(pa),
                Declassification.DECLASSIFIED, new ArrayList<>(ids));
    }

    private static String digest(PendingApproval pa) {
        // a plain digest of a call with a secret argument would invite guessing it: named, not quoted
        return pa.secretArguments().isEmpty() ? "; arguments " + pa.argumentsDigest()
                : "; arguments with secrets " + pa.secretArguments();
    }

    /** Rule ids of the enforced approvals ({@code approvals}) or declassifying confirmations that asked. */
    private static List<String> rules(Verdict v, boolean approvals) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (PlaneDecision pd : v.decisions()) {
            Decision d = pd.decision();
            boolean wanted = approvals ? d instanceof Decision.RequireApproval
                    : d instanceof Decision.RequireConfirmation rc && rc.declassification() != null;
            if (wanted && d.basis().enforced()) {
                ids.addAll(d.basis().ruleIds());
            }
        }
        return new ArrayList<>(ids);
    }
}
