package dev.warden.spi;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import java.time.Duration;
import java.util.Set;

/**
 * A policy plane: decides at the checkpoints it subscribes to.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #evaluate} is pure CPU and non-blocking: it may run on a Vert.x event-loop thread. A plane that needs
 *       I/O implements {@link AsyncPolicyPlane} instead.</li>
 *   <li>It must be thread-safe; the {@code Governor} calls it concurrently from many runs.</li>
 *   <li>Throwing, returning {@code null} or exceeding {@link #timeBudget()} is recorded as a
 *       {@link Decision.Failure} and blocks the action: the runtime fails closed, never open.</li>
 *   <li>A plane sees the request as transformed by the planes before it ({@link #priority()} ascending, then
 *       {@link #name()}); deny/approval outcomes do not depend on that order, transforms compose in it.</li>
 * </ul>
 *
 * <pre>{@code
 * public final class ReadOnlyCrmPlane implements PolicyPlane {
 *     public String name() { return "crm-read-only"; }
 *     public Set<Checkpoint> checkpoints() { return Set.of(Checkpoint.TOOL_CALL); }
 *     public Decision evaluate(CheckpointRequest req, GovernanceContext ctx) {
 *         return req.tool().hasEffect(Effect.WRITE)
 *                 ? Decision.deny(name(), "CRM is read-only")
 *                 : Decision.allow(name());
 *     }
 * }
 * }</pre>
 *
 * <p>Discovered through {@link java.util.ServiceLoader} in plain Java and as CDI beans in Quarkus.
 */
public interface PolicyPlane {

    /** Default time budget of a plane evaluation. */
    Duration DEFAULT_TIME_BUDGET = Duration.ofMillis(250);

    /** Unique, stable name; appears in every decision record. */
    String name();

    /** Checkpoints this plane is consulted at. */
    Set<Checkpoint> checkpoints();

    /** Lower runs first. Built-in planes: identity 100, action-boundary 200, data-flow 300; plugins default 500. */
    default int priority() {
        return 500;
    }

    /** Longest an evaluation may take before it counts as a failure. */
    default Duration timeBudget() {
        return DEFAULT_TIME_BUDGET;
    }

    /** Decides; see the class contract. */
    Decision evaluate(CheckpointRequest request, GovernanceContext context);
}
