package dev.warden.core;

import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
import java.time.Clock;
import java.util.EnumMap;

/**
 * Delivers {@link PolicyPlane#committed}/{@link PolicyPlane#aborted} to the planes consulted at a checkpoint. A hook
 * that throws is logged and ignored: it reports an action that already happened (or did not) and cannot change it.
 */
final class PlaneSettlements {
    private static final System.Logger LOG = System.getLogger(Governor.class.getName());

    private PlaneSettlements() {}

    static void settleIfFinal(EnumMap<Checkpoint, PolicyPlane[]> byCheckpoint, Clock clock, CheckpointRequest request,
            GovernanceContext context, Verdict verdict) {
        switch (verdict.outcome()) {
            case DENY -> settle(byCheckpoint, clock, request, context, verdict, Settlement.Abort.DENIED,
                    verdict.reason());
            case ERROR -> settle(byCheckpoint, clock, request, context, verdict,
                    WardenCodes.PLANE_TIMEOUT.equals(verdict.code()) ? Settlement.Abort.TIMED_OUT
                            : Settlement.Abort.FAILED, verdict.reason());
            case ALLOW, TRANSFORM -> {
                if (request.checkpoint() != Checkpoint.TOOL_CALL) {
                    settle(byCheckpoint, clock, request, context, verdict, null, null);
                }
            }
            case REQUIRE_APPROVAL, REQUIRE_CONFIRMATION -> {
                // settled when the human decides (or the request expires)
            }
        }
    }

    static void settle(EnumMap<Checkpoint, PolicyPlane[]> byCheckpoint, Clock clock, CheckpointRequest request,
            GovernanceContext context, Verdict verdict, Settlement.Abort abort, String detail) {
        if (request == null || context == null) {
            return;
        }
        PolicyPlane[] planes = byCheckpoint.get(request.checkpoint());
        if (planes.length == 0) {
            return;
        }
        Outcome outcome = verdict == null ? (abort == null ? Outcome.ALLOW : Outcome.DENY) : verdict.outcome();
        java.time.Instant at = clock.instant();
        for (PolicyPlane plane : planes) {
            Settlement s = new Settlement(request, context, own(plane.name(), verdict), outcome, abort, detail, at);
            try {
                if (abort == null) {
                    plane.committed(s);
                } else {
                    plane.aborted(s);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "plane '" + plane.name() + "' failed in its "
                        + (abort == null ? "committed" : "aborted") + " hook (ignored: the action is settled)", e);
            }
        }
    }

    private static Decision own(String plane, Verdict verdict) {
        if (verdict == null) {
            return null;
        }
        for (PlaneDecision pd : verdict.decisions()) {
            if (pd.plane().equals(plane)) {
                return pd.decision();
            }
        }
        return null;
    }
}
