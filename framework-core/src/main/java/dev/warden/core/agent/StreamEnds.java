package dev.warden.core.agent;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Outcome;
import dev.warden.core.PlaneDecision;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.streaming.StreamRefusedException;
import java.util.List;

/**
 * How a streaming run ends when its stream does not simply complete: a screen refused a piece of the answer, the
 * reader went away, or a later check would rewrite text the reader already has. Each end is recorded in the audit
 * trail at the checkpoint it happened at, with the digest of what had been delivered.
 */
final class StreamEnds {
    private StreamEnds() {}

    /** {@link AgentLoop#finish}. */
    @FunctionalInterface
    interface Finisher {
        RunResult finish(RunState s, RunStatus status, String output, PendingApproval approval, String code);
    }

    /** The run's end for a failed streaming model turn, or {@code null} when the failure is not the stream's. */
    static RunResult onFailure(GovernedAgent agent, RunState s, Throwable failure, Finisher finisher) {
        if (failure instanceof StreamRefusedException r) {
            return refused(agent, s, r, finisher);
        }
        if (failure instanceof StreamSession.ReaderGone) {
            return cancelled(agent, s, CheckpointRequest.content(Checkpoint.MODEL_RESPONSE, s.step, null, null),
                    finisher);
        }
        return null;
    }

    /** A screen refused: recorded at {@code AGENT_OUTPUT} as the screening plane's decision. */
    static RunResult refused(GovernedAgent agent, RunState s, StreamRefusedException r, Finisher finisher) {
        CheckpointRequest req = delivered(s);
        Decision d = r.refusal();
        Outcome outcome = d instanceof Decision.Failure ? Outcome.ERROR : Outcome.DENY;
        Verdict v = agent.settings().governor().record(req, s.ctx, new Verdict(Checkpoint.AGENT_OUTPUT, outcome,
                "streamed answer stopped: " + d.reason(), d.code(), List.of(new PlaneDecision(r.plane(), d, 0)),
                List.of(), req, null, 0), s.otel);
        s.note(v);
        return finisher.finish(s, outcome == Outcome.ERROR ? RunStatus.FAILED : RunStatus.DENIED,
                "The answer was stopped by policy: " + d.reason() + " [" + d.code() + "]", null, d.code());
    }

    /** The reader went away: the abort is recorded at the checkpoint the run would have passed next. */
    static RunResult cancelled(GovernedAgent agent, RunState s, CheckpointRequest next, Finisher finisher) {
        CheckpointRequest req = next.withAttributes(s.attributes);
        Verdict v = agent.settings().governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY,
                "the reader of the stream went away after " + s.stream.delivered().length()
                        + " characters were delivered; the model call in flight was cancelled",
                WardenCodes.STREAM_CANCELLED), s.otel);
        s.note(v);
        return finisher.finish(s, RunStatus.CANCELLED, "Cancelled: the reader went away", null, v.code());
    }

    /** Whether {@code v} would replace text that was already streamed to the reader. */
    static boolean rewritesDelivered(Verdict v, String streamed) {
        if (v.outcome() != Outcome.TRANSFORM || v.effectiveRequest() == null) {
            return false;
        }
        String replacement = v.effectiveRequest().content();
        return replacement != null && streamed != null && !streamed.isEmpty() && !replacement.equals(streamed);
    }

    /** A check rewrote delivered text: the run ends refused, audited with the digest of what was delivered. */
    static RunResult rewritten(GovernedAgent agent, RunState s, CheckpointRequest at, Finisher finisher) {
        CheckpointRequest req = at.checkpoint() == Checkpoint.AGENT_OUTPUT ? delivered(s) : at;
        Verdict v = agent.settings().governor().record(req, s.ctx, Verdict.synthetic(req, Outcome.DENY, "a policy rewrote "
                + "text already streamed to the reader at " + at.checkpoint() + "; delivered text cannot be taken "
                + "back", WardenCodes.STREAM_REWRITE_AFTER_DELIVERY), s.otel);
        s.note(v);
        return finisher.finish(s, RunStatus.DENIED, "The answer was stopped by policy: " + v.reason() + " ["
                + v.code() + "]", null, v.code());
    }

    private static CheckpointRequest delivered(RunState s) {
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, s.step, null, null, null, s.stream.delivered(),
                s.ctx.labels(), "user", s.attributes);
    }
}
