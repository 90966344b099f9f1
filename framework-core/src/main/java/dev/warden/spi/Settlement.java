package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * What finally happened to an action a plane was consulted about; the argument of {@link PolicyPlane#committed} and
 * {@link PolicyPlane#aborted}.
 *
 * <p>Correlate with your own {@code evaluate} call by {@code context.runId()}, {@code request.checkpoint()},
 * {@code request.step()} and {@code request.toolCallId()}: they are the same values the plane was given.
 *
 * @param request the request as submitted at the checkpoint (before any plane's transform)
 * @param context the governance context of the run
 * @param decision this plane's own decision at the checkpoint, or {@code null} when it is no longer known (a run
 *     resumed from a durable store after a restart); a plane that holds state must then keep it, never guess it away
 * @param outcome the combined outcome at the checkpoint; for a call a human refused or let expire, {@code DENY}
 * @param abort why the action did not happen, or {@code null} when it did ({@link #committed()})
 * @param detail human-readable detail of the abort (the deny reason, the tool's error), or {@code null}
 * @param at when the runtime settled the action (the Governor's clock)
 */
public record Settlement(CheckpointRequest request, GovernanceContext context, Decision decision, Outcome outcome,
        Abort abort, String detail, Instant at) {

    /** Why an action a plane was consulted about did not happen. */
    public enum Abort {
        /** A plane (possibly this one) denied it. */
        DENIED,
        /** A plane failed to decide (threw, returned nothing), so the runtime blocked it (fail closed). */
        FAILED,
        /** A plane or the action itself ran out of time. */
        TIMED_OUT,
        /** The action ran and failed (the tool threw or reported an error). */
        ACTION_FAILED,
        /** A human approver refused it, or the requester declined to confirm it. */
        REFUSED,
        /** The approval or confirmation it waited for expired. */
        EXPIRED
    }

    public Settlement {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
    }

    /** Whether the action went ahead. */
    public boolean committed() {
        return abort == null;
    }
}
