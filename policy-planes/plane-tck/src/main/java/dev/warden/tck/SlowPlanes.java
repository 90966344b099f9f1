package dev.warden.tck;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.AsyncPolicyPlane;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
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
            return new DelayedAsync(async);
        }
        return new Delegating(plane) {
            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                Decision d = plane.evaluate(request, context);
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
            return new UnhurriedAsync(async);
        }
        return new Delegating(plane) {
            @Override
            public Duration timeBudget() {
                return UNHURRIED;
            }

            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                return plane.evaluate(request, context);
            }
        };
    }

    static final Duration UNHURRIED = Duration.ofSeconds(30);

    private static final class UnhurriedAsync extends Delegating implements AsyncPolicyPlane {
        private final AsyncPolicyPlane async;

        UnhurriedAsync(AsyncPolicyPlane async) {
            super(async);
            this.async = async;
        }

        @Override
        public Duration timeBudget() {
            return UNHURRIED;
        }

        @Override
        public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
            return async.evaluateAsync(request, context);
        }
    }

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

    /** Forwards identity and hooks; evaluation is the subclass's. */
    private static final class DelayedAsync extends Delegating implements AsyncPolicyPlane {
        private final AsyncPolicyPlane async;

        DelayedAsync(AsyncPolicyPlane async) {
            super(async);
            this.async = async;
        }

        @Override
        public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
            return async.evaluateAsync(request, context).onItem().delayIt().by(pastBudget(async));
        }
    }

    private abstract static class Delegating implements PolicyPlane {
        final PolicyPlane plane;

        Delegating(PolicyPlane plane) {
            this.plane = plane;
        }

        @Override
        public String name() {
            return plane.name();
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return plane.checkpoints();
        }

        @Override
        public int priority() {
            return plane.priority();
        }

        @Override
        public Duration timeBudget() {
            return plane.timeBudget();
        }

        @Override
        public void committed(Settlement s) {
            plane.committed(s);
        }

        @Override
        public void aborted(Settlement s) {
            plane.aborted(s);
        }
    }
}
