package dev.warden.spi;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import java.time.Duration;
import java.util.Set;

/**
 * A policy plane: decides at the checkpoints it subscribes to. The full contract, with a worked example, is
 * {@code docs/plugins.md}; plugin authors check their plane against it with the plane TCK
 * ({@code warden-plane-tck}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Identity.</b> {@link #name()} is unique among the planes of an application and stable (it appears in
 *       every decision record and is what YAML rules name with {@code plane:}); {@link #version()} says which build
 *       decided.</li>
 *   <li><b>Subscription.</b> The plane is consulted only at {@link #checkpoints()}, in ascending {@link #priority()}
 *       then {@link #name()} order; it sees the request as transformed by the planes before it. Deny/approval
 *       outcomes do not depend on that order, transforms compose in it. Every subscribed plane is consulted, even
 *       after another one denied (each verdict is recorded); a stateful plane therefore learns through
 *       {@link #aborted} that the action did not happen.</li>
 *   <li><b>Execution.</b> {@link #evaluate} is pure CPU and non-blocking: it may run on a Vert.x event-loop thread. A
 *       plane that needs I/O implements {@link AsyncPolicyPlane} instead. Either must answer within
 *       {@link #timeBudget()}.</li>
 *   <li><b>Fail closed.</b> Throwing, returning {@code null} or exceeding {@link #timeBudget()} is recorded as a
 *       {@link Decision.Failure} and blocks the action: the runtime fails closed, never open.</li>
 *   <li><b>Thread-safety.</b> The {@code Governor} calls {@link #evaluate}, {@link #committed} and {@link #aborted}
 *       concurrently from many runs; the plane must be thread-safe and must not lose updates under contention.</li>
 *   <li><b>Lifecycle hooks.</b> After the action a checkpoint guarded has gone ahead, the runtime calls
 *       {@link #committed}; when it did not (denied by any plane, a plane failed, timed out, the action failed, or a
 *       human refused or let the approval expire), {@link #aborted}. Stateful planes (rates, budgets, quotas,
 *       baselines) reserve in {@code evaluate} and release in {@code aborted}, so they count only what happened and
 *       a hook that never comes (a crash) errs on the safe side. Hooks are called at most once per consultation, may
 *       come on another thread and much later (an approval can take a day), must be quick and must not throw
 *       (a throwing hook is logged and ignored: it cannot change an outcome that already happened).</li>
 *   <li><b>Rules.</b> A plane that wants YAML rules returns a {@link RuleVocabulary} from {@link #vocabulary()} and
 *       evaluates them with {@code PolicyEngine.evaluate(name(), request, context)}; rules naming a plane that
 *       declares none fail the load.</li>
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
 * <p>Discovered through {@link java.util.ServiceLoader} in plain Java and as CDI beans in Quarkus (a class implementing
 * this interface that is not a bean, or two beans with one name, fail the build).
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

    /**
     * Whether this plane may refuse or rewrite answer text at {@code checkpoint} ({@code MODEL_RESPONSE} or
     * {@code AGENT_OUTPUT}). A streamed run asks it of every plane there that is not an {@link OutputScreen}: while
     * one may, the run holds its whole answer back and delivers it only once {@code AGENT_OUTPUT} has decided
     * (decision 0041), since such a plane cannot judge text piece by piece. Default: whenever subscribed (fail
     * closed); a plane that knows it has nothing to say about text there (no rules at that checkpoint) answers
     * {@code false}, and the run streams through the hold-back window. Pure and cheap: asked once per streamed run.
     */
    default boolean judgesAnswerText(Checkpoint checkpoint) {
        return checkpoints().contains(checkpoint);
    }

    /**
     * Version of the deciding code, recorded with the plane's decisions; the jar's {@code Implementation-Version}
     * unless overridden, {@code "unversioned"} when there is none.
     */
    default String version() {
        Package p = getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? "unversioned" : v;
    }

    /**
     * The variables and functions this plane's YAML rules ({@code plane: <name>}) may use besides the standard
     * ones, or {@code null} (the default) when the plane takes no YAML rules. Called once, when the policy engine is
     * built; its {@link RuleVocabulary#plane()} must be {@link #name()}.
     */
    default RuleVocabulary vocabulary() {
        return null;
    }

    /** The action this plane was consulted about went ahead; see the class contract. Does nothing by default. */
    default void committed(Settlement settlement) {}

    /**
     * The action this plane was consulted about did not happen ({@link Settlement#abort()} says why); release what
     * {@link #evaluate} reserved for it. Does nothing by default.
     */
    default void aborted(Settlement settlement) {}
}
