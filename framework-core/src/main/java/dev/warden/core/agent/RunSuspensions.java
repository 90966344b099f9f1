package dev.warden.core.agent;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.SecretArguments;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.tools.ToolAuthorization;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run that waits for a human: suspended at a tool call that needs an approval or the requester's confirmation
 * (saved to the agent's store and reported), then resumed with the answer (recorded at {@code TOOL_CALL} as the human's
 * decision; the call runs, or is refused and the run ends or carries on) or ended when the wait expires.
 */
final class RunSuspensions {
    private final GovernedAgent agent;
    private final AgentLoop loop;

    RunSuspensions(GovernedAgent agent, AgentLoop loop) {
        this.agent = agent;
        this.loop = loop;
    }

    RunResult suspend(RunState s, ToolAuthorization auth) {
        Verdict v = auth.verdict();
        if (v.declassificationUnderApproval()) { // the requester first, then the approver (decision 0040)
            return DeclassificationUnderApproval.suspend(agent, s, auth, loop.finisher(s));
        }
        boolean confirmation = v.outcome() == Outcome.REQUIRE_CONFIRMATION;
        Instant now = agent.settings().governor().clock().instant();
        PendingApproval pa = new PendingApproval(agent.settings().ids().get(), s.runId, s.ctx.agent().id(), s.ctx.tenant(),
                s.ctx.user().id(), auth.tool().name(), auth.call().id(), auth.effectiveArguments(), v.reason(),
                confirmation ? Set.of() : v.approval().approverRoles(), v.ruleIds(), s.ctx.labels().toString(), now,
                now.plus(confirmation ? v.confirmation().ttl() : v.approval().ttl()),
                confirmation ? PendingApproval.Kind.CONFIRMATION : PendingApproval.Kind.APPROVAL, null, v.origins(),
                SecretArguments.present(auth.tool(), auth.effectiveArguments()),
                confirmation ? v.confirmation().declassification() : null, null);
        agent.store().save(new SuspendedRun(pa, s.messages, auth.call(), new ArrayList<>(s.queue), s.ctx, s.step,
                s.toolCalls, s.userInput, s.decisions, s.labels, RunLinks.traceparent(s.agentSpan),
                agent.settings().tools().repeats().memory(s.runId)));
        agent.settings().approvalEvents().requested(pa);
        return confirmation
                ? loop.finish(s, RunStatus.AWAITING_CONFIRMATION, "Waiting for your confirmation: " + v.reason(), pa,
                        null)
                : loop.finish(s, RunStatus.AWAITING_APPROVAL, "Waiting for approval: " + v.reason(), pa, null);
    }

    Uni<RunResult> resume(SuspendedRun run, ApprovalResolution resolution) {
        RunState s = restored(run);
        // the run's repeat counts as they were when it was suspended, wherever that was (decision 0066)
        agent.settings().tools().repeats().restore(s.runId, run.callMemory());
        s.queue.addAll(run.remainingCalls());
        s.deadline = RunSpan.deadline(agent, Context.current());
        loop.open(s, Context.current(), run.suspendedSpan());
        PendingApproval pa = run.approval();
        // a callee's confirmation relayed here is recorded against this run's own call (the delegate tool)
        String toolName = pa.relay() != null ? pa.relay().callerToolName() : pa.toolName();
        Map<String, Object> callArgs = pa.relay() != null ? pa.relay().callerArguments() : pa.arguments();
        ToolDescriptor d = agent.settings().tools().registry().descriptor(toolName)
                .orElse(ToolDescriptor.named(toolName));
        boolean confirmation = pa.isConfirmation();
        Map<String, Object> attrs = new HashMap<>(s.attributes);
        attrs.put(confirmation ? CheckpointAttributes.CONFIRMED_BY : CheckpointAttributes.APPROVED_BY,
                resolution.approver().id());
        CheckpointRequest req = CheckpointRequest.toolCall(s.step, d, pa.toolCallId(), callArgs).withAttributes(attrs);
        String who = resolution.approver().id() + (resolution.comment() == null ? "" : " (" + resolution.comment() + ")");
        String plane = confirmation ? Verdict.CONFIRMATION_PLANE : Verdict.APPROVAL_PLANE;
        Verdict v;
        if (pa.expiredAt(agent.settings().governor().clock().instant())) {
            v = expired(req, pa);
        } else if (!resolution.approve()) {
            v = confirmation
                    ? Verdict.humanDecision(plane, req, false, "declined by " + who, WardenCodes.CONFIRMATION_DECLINED,
                            pa.ruleIds())
                    : Verdict.humanDecision(plane, req, false, "denied by " + who, WardenCodes.APPROVAL_DENIED,
                            pa.ruleIds());
        } else if (confirmation && pa.approvalDue() != null) {
            v = DeclassificationUnderApproval.confirmed(req, pa, who); // declassified; the approver is still asked
        } else if (!confirmation && pa.declassification() != null) {
            v = DeclassificationUnderApproval.approved(plane, req, pa, who);
        } else if (pa.declassification() != null && pa.relay() == null) {
            // the audit names the declassification: who, which labels from what to what, the rules, the digest
            v = Verdict.humanDecision(plane, req, true, "declassified by " + who + " (the requester, shown the "
                    + "arguments verbatim): " + pa.declassification().describe() + "; rules " + pa.ruleIds()
                    // a plain digest of a call with a secret argument would invite guessing it: named, not quoted
                    + (pa.secretArguments().isEmpty() ? "; arguments " + pa.argumentsDigest()
                            : "; arguments with secrets " + pa.secretArguments()),
                    dev.warden.core.Declassification.DECLASSIFIED, pa.ruleIds());
        } else {
            v = Verdict.humanDecision(plane, req, true, (confirmation ? "confirmed by " : "approved by ") + who
                    + (pa.relay() == null ? "" : " for agent '" + pa.relay().calleeAgentId() + "': " + pa.toolName()
                            + " " + pa.argumentsDigest()), null, pa.ruleIds());
        }
        v = agent.settings().governor().record(req, s.ctx, v, s.otel);
        s.note(v);
        agent.settings().approvalEvents().resolved(pa, outcome(pa, v, resolution));
        if (v.outcome() == Outcome.REQUIRE_APPROVAL) {
            return Uni.createFrom().item(DeclassificationUnderApproval.awaitApprover(agent, s, run, loop.finisher(s)));
        }
        if (pa.relay() != null && v.proceeds()) {
            return CalleeRelay.confirmed(agent, loop, s, run, v, resolution);
        }
        if (!v.proceeds() && resolution.continueRun() && !resolution.approve() && v.outcome() != Outcome.ERROR
                && !pa.expiredAt(agent.settings().governor().clock().instant())) {
            // "not this, carry on": only this call is refused (its planes release what they reserved); the model
            // hears so and the run goes on
            agent.settings().governor().aborted(req, s.ctx, v, dev.warden.spi.Settlement.Abort.REFUSED, v.reason());
            s.add(ToolExecutionResultMessage.from(run.pendingCall(), "Not done: " + (confirmation
                    ? "the user declined this call" : "an approver refused this call") + " [" + v.code() + "]."),
                    Labels.PUBLIC); // a refusal carries no data
            return loop.processQueue(s);
        }
        if (!v.proceeds()) {
            // the planes consulted when the call was suspended learn it will not run (a reservation is released)
            agent.settings().governor().aborted(req, s.ctx, v, pa.expiredAt(agent.settings().governor().clock().instant())
                    ? dev.warden.spi.Settlement.Abort.EXPIRED : dev.warden.spi.Settlement.Abort.REFUSED, v.reason());
            RunStatus status = v.outcome() == Outcome.ERROR ? RunStatus.FAILED : RunStatus.DENIED;
            return Uni.createFrom().item(loop.finish(s, status, (confirmation ? "The action was not confirmed: "
                    : "The action was not approved: ") + v.reason(), null, v.code()));
        }
        ToolAuthorization auth = agent.settings().tools().approved(run.pendingCall(), pa.arguments(), v,
                resolution.approver().id());
        return loop.executeAndContinue(s, auth);
    }

    /** Ends an expired approval without an approver (sweeper). */
    RunResult expire(SuspendedRun run) {
        RunState s = restored(run);
        loop.open(s, Context.current(), run.suspendedSpan());
        PendingApproval pa = run.approval();
        ToolDescriptor d = agent.settings().tools().registry().descriptor(pa.toolName())
                .orElse(ToolDescriptor.named(pa.toolName()));
        CheckpointRequest req = CheckpointRequest.toolCall(s.step, d, pa.toolCallId(), pa.arguments())
                .withAttributes(s.attributes);
        Verdict v = agent.settings().governor().record(req, s.ctx, expired(req, pa), s.otel);
        s.note(v);
        agent.settings().approvalEvents().resolved(pa, new ApprovalOutcome(ApprovalOutcome.Status.EXPIRED, null, null,
                agent.settings().governor().clock().instant(), v.code()));
        agent.settings().governor().aborted(req, s.ctx, v, dev.warden.spi.Settlement.Abort.EXPIRED, v.reason());
        return loop.finish(s, RunStatus.DENIED, (pa.isConfirmation() ? "The action was not confirmed: "
                : "The action was not approved: ") + v.reason(), null, v.code());
    }

    private static RunState restored(SuspendedRun run) {
        return new RunState(run.approval().runId(), run.messages(), run.messageLabels(), run.context(),
                run.userInput(), run.decisions(), run.step(), run.toolCalls());
    }

    /** What observers learn of a human's answer, as recorded: an expiry or a failed record is not an approval. */
    private ApprovalOutcome outcome(PendingApproval pa, Verdict v, ApprovalResolution resolution) {
        java.time.Instant now = agent.settings().governor().clock().instant();
        if (pa.expiredAt(now)) {
            return new ApprovalOutcome(ApprovalOutcome.Status.EXPIRED, null, null, now, v.code());
        }
        boolean yes = v.proceeds() || v.outcome() == Outcome.REQUIRE_APPROVAL; // confirmed, the approver is next
        ApprovalOutcome.Status status = pa.isConfirmation()
                ? (yes ? ApprovalOutcome.Status.CONFIRMED : ApprovalOutcome.Status.DECLINED)
                : (yes ? ApprovalOutcome.Status.APPROVED : ApprovalOutcome.Status.DENIED);
        return new ApprovalOutcome(status, resolution.approver().id(), resolution.comment(), now, v.code());
    }

    private static Verdict expired(CheckpointRequest req, PendingApproval pa) {
        return pa.isConfirmation()
                ? Verdict.humanDecision(Verdict.CONFIRMATION_PLANE, req, false, "confirmation expired at "
                        + pa.expiresAt(), WardenCodes.CONFIRMATION_EXPIRED, pa.ruleIds())
                : Verdict.humanDecision(Verdict.APPROVAL_PLANE, req, false, "approval expired at " + pa.expiresAt(),
                        WardenCodes.APPROVAL_EXPIRED, pa.ruleIds());
    }
}
