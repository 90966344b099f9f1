package dev.warden.policy;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The YAML rules of one plane ({@code plane: <name>}) as that plane consults them from its
 * {@link dev.warden.spi.PolicyPlane#evaluate} and {@link dev.warden.spi.PolicyPlane#judgesAnswerText}: a plane built
 * without an engine has no rules and allows; otherwise the engine decides.
 *
 * <p>Immutable and thread-safe. The engine may be given lazily (a {@link Supplier}, asked on every use) where the
 * plane is built before the engine; {@link #evaluate} then fails, and the governor records a failure (fail closed),
 * while the engine cannot be had.
 *
 * <pre>{@code
 * PlaneRules rules = PlaneRules.of(NAME, engine);          // engine may be null: no rules
 * public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
 *     Decision own = builtInChecks(request, context);
 *     return own != null ? own : rules.evaluate(request, context);
 * }
 * public boolean judgesAnswerText(Checkpoint cp) { return checkpoints.contains(cp) && rules.judgeText(cp); }
 * }</pre>
 */
public final class PlaneRules {
    private final String plane;
    private final Supplier<PolicyEngine> engine;

    private PlaneRules(String plane, Supplier<PolicyEngine> engine) {
        this.plane = Objects.requireNonNull(plane, "plane");
        this.engine = engine;
    }

    /** The rules {@code engine} holds for {@code plane}; none when {@code engine} is {@code null}. */
    public static PlaneRules of(String plane, PolicyEngine engine) {
        return new PlaneRules(plane, engine == null ? null : () -> engine);
    }

    /** As {@link #of(String, PolicyEngine)}, with the engine asked for on every use; none when it is {@code null}. */
    public static PlaneRules lazy(String plane, Supplier<PolicyEngine> engine) {
        return new PlaneRules(plane, engine);
    }

    /** Whether the plane takes rules at all (it was given an engine). */
    public boolean present() {
        return engine != null;
    }

    /** The rules' decision at the request's checkpoint; an allow by the plane when it takes no rules. */
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        return engine == null ? Decision.allow(plane) : engine.get().evaluate(plane, request, context);
    }

    /**
     * Whether any rule of the plane (enforced or monitor) is written for {@code checkpoint}, so may judge answer text
     * there; {@code true} when the engine cannot be asked (fail closed), {@code false} without an engine.
     */
    public boolean judgeText(Checkpoint checkpoint) {
        if (engine == null) {
            return false;
        }
        try {
            return engine.get().hasRules(plane, checkpoint);
        } catch (RuntimeException unavailable) {
            return true;
        }
    }
}
