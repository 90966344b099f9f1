package dev.warden.tck;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.AsyncPolicyPlane;
import dev.warden.spi.DelegatingAsyncPlane;
import dev.warden.spi.DelegatingPlane;
import dev.warden.spi.PolicyPlane;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Set;

/** Planes the TCK builds around the plane under test. */
final class SlowPlanes {
    private SlowPlanes() {}

    private static Duration pastBudget(PolicyPlane p) {
        return p.timeBudget().plusMillis(50);
    }

    /** {@code plane}, answering only after its time budget has passed (keeps it asynchronous if it was). */
    static PolicyPlane delayed(PolicyPlane plane) {
        if (plane instanceof AsyncPolicyPlane async) {
            return new DelegatingAsyncPlane(async) {
                @Override
                public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
                    return super.evaluateAsync(request, context).onItem().delayIt().by(pastBudget(async));
                }
            };
        }
        return new DelegatingPlane(plane) {
            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                Decision d = super.evaluate(request, context);
                try {
                    Thread.sleep(pastBudget(plane).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return d;
            }
        };
    }

    /**
     * {@code plane} with a 30 s time budget: for the tests about state and determinism, where a cold call on a loaded
     * build machine overrunning the plane's own budget would be noise (the time-out test uses the real budget).
     */
    static PolicyPlane unhurried(PolicyPlane plane) {
        if (plane instanceof AsyncPolicyPlane async) {
            return new DelegatingAsyncPlane(async) {
                @Override
                public Duration timeBudget() {
                    return UNHURRIED;
                }
            };
        }
        return new DelegatingPlane(plane) {
            @Override
            public Duration timeBudget() {
                return UNHURRIED;
            }
        };
    }

    static final Duration UNHURRIED = Duration.ofSeconds(30);

    /** A plane that denies everything at {@code checkpoint}: "another plane denied it". */
    static PolicyPlane veto(Checkpoint checkpoint) {
        return new PolicyPlane() {
            @Override
            public String name() {
                return "tck-veto";
            }

            @Override
            public Set<Checkpoint> checkpoints() {
                return Set.of(checkpoint);
            }

            @Override
            public int priority() {
                return Integer.MAX_VALUE;
            }

            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                return Decision.deny(name(), "vetoed by the TCK");
            }
        };
    }
}
