package dev.warden.core.testing;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/** Small planes for tests. */
public final class TestPlanes {
    private TestPlanes() {}

    /** A plane from a lambda, subscribed to every checkpoint unless given. */
    public static PolicyPlane of(String name, int priority, Set<Checkpoint> at,
            BiFunction<CheckpointRequest, GovernanceContext, Decision> fn) {
        return new PolicyPlane() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Checkpoint> checkpoints() {
                return at;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                return fn.apply(request, context);
            }
        };
    }

    public static PolicyPlane of(String name, BiFunction<CheckpointRequest, GovernanceContext, Decision> fn) {
        return of(name, 500, EnumSet.allOf(Checkpoint.class), fn);
    }

    public static PolicyPlane allowAll(String name) {
        return of(name, (r, c) -> Decision.allow(name));
    }

    /** Denies calls of one tool. */
    public static PolicyPlane denyTool(String name, String tool) {
        return of(name, 200, EnumSet.of(Checkpoint.TOOL_CALL), (r, c) -> tool.equals(r.toolName())
                ? Decision.deny(name, tool + " is not allowed") : Decision.allow(name));
    }

    public static PolicyPlane throwing(String name) {
        return of(name, (r, c) -> {
            throw new IllegalStateException("boom");
        });
    }

    /** A synchronous plane slower than its budget. */
    public static PolicyPlane slow(String name, Duration budget, Duration sleep) {
        PolicyPlane inner = of(name, (r, c) -> {
            try {
                Thread.sleep(sleep.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.allow(name);
        });
        return new PolicyPlane() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Checkpoint> checkpoints() {
                return inner.checkpoints();
            }

            @Override
            public Duration timeBudget() {
                return budget;
            }

            @Override
            public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
                return inner.evaluate(request, context);
            }
        };
    }
}
