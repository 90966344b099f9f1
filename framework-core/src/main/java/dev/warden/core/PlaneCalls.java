package dev.warden.core;

import dev.warden.spi.PolicyPlane;
import java.time.Duration;

/**
 * How the {@link Governor} calls one plane: every way a plane can misbehave — throwing (anything but a VM error),
 * returning {@code null}, overrunning its time budget — becomes a {@link Decision.Failure}, so the checkpoint fails
 * closed. Stateless.
 */
final class PlaneCalls {
    private static final System.Logger LOG = System.getLogger(PlaneCalls.class.getName());
    private PlaneCalls() {}

    static Decision evaluateSafely(PolicyPlane plane, CheckpointRequest request, GovernanceContext context) {
        try {
            Decision d = plane.evaluate(request, context);
            if (d == null) {
                return Decision.failure(plane.name() + " returned no decision", WardenCodes.PLANE_ERROR,
                        Basis.of(plane.name()));
            }
            return d;
        } catch (Throwable t) { // fail closed on anything, including errors thrown by plugins
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
            return failureOf(plane, t);
        }
    }

    static Decision failureOf(PolicyPlane plane, Throwable t) {
        // the reason reaches the model's refusal text and the run's decisions: the exception stays in the log
        LOG.log(System.Logger.Level.WARNING, "policy plane " + plane.name() + " failed", t);
        return Decision.failure(plane.name() + " failed (see the server log)", WardenCodes.PLANE_ERROR,
                Basis.of(plane.name()));
    }

    static Decision enforceBudget(PolicyPlane plane, Decision d, long tookNanos) {
        if (d instanceof Decision.Failure || tookNanos <= budgetOf(plane).toNanos()) {
            return d;
        }
        return Decision.failure(plane.name() + " exceeded its time budget", WardenCodes.PLANE_TIMEOUT,
                Basis.of(plane.name()));
    }

    static Duration budgetOf(PolicyPlane plane) {
        Duration b;
        try {
            b = plane.timeBudget();
        } catch (RuntimeException e) {
            b = null;
        }
        return b == null || b.isNegative() ? PolicyPlane.DEFAULT_TIME_BUDGET : b;
    }
}
