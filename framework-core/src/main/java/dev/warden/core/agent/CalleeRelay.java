package dev.warden.core.agent;

import dev.warden.core.Declassification;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.tools.CalleeConfirmations;
import dev.warden.core.tools.ToolAuthorization;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;

/**
 * A delegated callee's confirmation, asked of the requester through the caller's run (decision 0039). The caller's
 * run suspends with an entry that shows the callee's exact call and digest; confirming it runs the caller's tool once
 * more with the answer, which the tool passes to the callee; the callee's answer is then the tool's result.
 */
final class CalleeRelay {
    interface Finish {
        RunResult apply(PendingApproval pending, RunStatus status, String text);
    }

    private CalleeRelay() {}

    static RunResult suspend(GovernedAgent agent, RunState s, ToolAuthorization auth,
            CalleeConfirmations.Awaiting awaiting, Finish finish) {
        PendingApproval callee = awaiting.pending();
        // only the same human may be asked: a callee acting for someone else is never answered from here
        if (!callee.isConfirmation() || !Objects.equals(callee.requesterId(), s.ctx.user().id())
                || !Objects.equals(callee.tenant(), s.ctx.tenant())) {
            return finish.apply(null, RunStatus.FAILED, "Stopped [" + Declassification.RELAY_FAILED + "]: agent '"
                    + awaiting.calleeAgentId() + "' waits for someone this run cannot ask");
        }
        Instant now = agent.settings().governor().clock().instant();
        // the callee's call, so the callee's labels at that call: they say what its arguments can hold, and a notice
        // of this entry is redacted on them (this run's own labels may be lower: it has not seen the callee's reads)
        PendingApproval pa = new PendingApproval(agent.settings().ids().get(), s.runId, s.ctx.agent().id(), s.ctx.tenant(),
                s.ctx.user().id(), callee.toolName(), auth.call().id(), callee.arguments(), callee.reason()
                        + " (asked by agent '" + awaiting.calleeAgentId() + "')", Set.of(), callee.ruleIds(),
                callee.contextLabels(), now, callee.expiresAt(), PendingApproval.Kind.CONFIRMATION,
                callee.argumentsDigest(), callee.origins(), callee.secretArguments(), callee.declassification(),
                new PendingApproval.Relay(awaiting.calleeAgentId(), callee.approvalId(), auth.tool().name(),
                        auth.effectiveArguments()));
        agent.store().save(new SuspendedRun(pa, s.messages, auth.call(), new ArrayList<>(s.queue), s.ctx, s.step,
                s.toolCalls, s.userInput, s.decisions, s.labels, RunLinks.traceparent(s.agentSpan),
                agent.settings().tools().repeats().memory(s.runId)));
        // the entry the requester answers: reported like any other, once
        agent.settings().approvalEvents().requested(pa);
        return finish.apply(pa, RunStatus.AWAITING_CONFIRMATION, "Waiting for your confirmation: " + pa.reason());
    }

    /** The requester confirmed: the caller's tool runs again and answers its callee with exactly that digest. */
    static Uni<RunResult> confirmed(GovernedAgent agent, AgentLoop loop, RunState s, SuspendedRun run, Verdict v,
            ApprovalResolution resolution) {
        PendingApproval pa = run.approval();
        if (v.outcome() != Outcome.ALLOW) {
            throw new IllegalStateException("only a confirmed relay resumes its callee");
        }
        ConfirmationResolution relayed = new ConfirmationResolution(true, resolution.approver(),
                pa.argumentsDigest(), resolution.continueRun());
        ToolAuthorization auth = agent.settings().tools().approved(run.pendingCall(), pa.relay().callerArguments(), v,
                resolution.approver().id()).withRelayedAnswer(new CalleeConfirmations.Answer(pa.relay(), relayed));
        return loop.executeAndContinue(s, auth);
    }
}
