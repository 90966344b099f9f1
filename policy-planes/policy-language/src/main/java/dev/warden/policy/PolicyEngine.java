package dev.warden.policy;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.internal.CelEnvironment;
import dev.warden.policy.internal.CompiledPolicySet;
import dev.warden.policy.internal.PolicyCompiler;
import dev.warden.policy.internal.RuleEvaluator;
import dev.warden.policy.internal.RuleIndex;
import dev.warden.policy.internal.ToolNameReferences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds the active policy sets and evaluates them for the planes.
 *
 * <h2>Loading</h2>
 * {@link #load} parses, type-checks and compiles every source <em>whole</em> before anything changes: one problem
 * anywhere rejects the attempt with a {@link PolicyLoadException} listing file, line, rule id and message, and the
 * previously active version keeps serving. A source replaces the earlier source with the same id. Set names are
 * unique across sources.
 *
 * <h2>Evaluation</h2>
 * {@link #evaluate} considers the rules of one plane at the request's checkpoint across all sets: the highest
 * {@code priority} with a matching rule decides; inside it deny overrides require_approval overrides confirm
 * overrides transform overrides allow; no match is a default allow. Every decision's {@link dev.warden.core.Basis} names the rule ids,
 * the set and its version. A condition that fails at run time yields {@link Decision.Failure}, never allow.
 *
 * <h2>Threading</h2>
 * Evaluation is lock-free, allocation-light, pure CPU and safe on an event loop; loading is serialised and swaps an
 * immutable snapshot.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
 * engine.load(PolicySource.classpath("policies/crm-analyst.yaml"));
 * Decision d = engine.evaluate("action-boundary", request, context);
 * }</pre>
 */
public final class PolicyEngine {
    /** The planes Warden ships; rules naming another plane are rejected unless it is registered. */
    public static final Set<String> BUILT_IN_PLANES = Set.of("identity", "action-boundary", "data-flow");

    private record Snapshot(Map<String, List<CompiledPolicySet>> bySource, RuleIndex index) {}

    private final PolicyCompiler compiler;
    private final List<PolicyReloadListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), new RuleIndex(List.of()));

    private PolicyEngine(Builder b) {
        this.compiler = new PolicyCompiler(b.planes, new CelEnvironment(b.clock));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks sources without activating them (against the active ones); empty when they would load. */
    public List<PolicyProblem> validate(Collection<PolicySource> sources) {
        List<PolicyProblem> problems = new ArrayList<>();
        compileWith(sources, problems);
        return problems;
    }

    /** Loads (or replaces) sources atomically; see the class comment. */
    public void load(PolicySource... sources) {
        load(List.of(sources));
    }

    /** Loads (or replaces) sources atomically; see the class comment. */
    public synchronized void load(Collection<PolicySource> sources) {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, List<CompiledPolicySet>> next = compileWith(sources, problems);
        List<String> ids = sources.stream().map(PolicySource::id).toList();
        if (!problems.isEmpty()) {
            notifyListeners(ids, false, problems);
            throw new PolicyLoadException(problems);
        }
        install(next);
        notifyListeners(ids, true, List.of());
    }

    /** Removes the sets loaded from {@code sourceId}; returns whether there were any. */
    public synchronized boolean remove(String sourceId) {
        Map<String, List<CompiledPolicySet>> next = new LinkedHashMap<>(snapshot.bySource());
        boolean removed = next.remove(sourceId) != null;
        if (removed) {
            install(next);
            notifyListeners(List.of(sourceId), true, List.of());
        }
        return removed;
    }

    /** Decides for {@code plane} at the request's checkpoint. Never throws, never returns null. */
    public Decision evaluate(String plane, CheckpointRequest request, GovernanceContext context) {
        try {
            RuleIndex.Group group = snapshot.index().group(plane, request.checkpoint());
            if (group.isEmpty()) {
                return Decision.allow(plane);
            }
            return RuleEvaluator.evaluate(plane, group, request, context);
        } catch (RuntimeException e) {
            return Decision.failure("policy evaluation failed: " + e, PolicyCodes.MALFORMED_INPUT,
                    dev.warden.core.Basis.of(plane));
        }
    }

    /** Whether {@code plane} has any rule (enforced or monitor) at {@code checkpoint}. */
    public boolean hasRules(String plane, Checkpoint checkpoint) {
        return !snapshot.index().group(plane, checkpoint).isEmpty();
    }

    /** The active policy sets, in load order. */
    public List<PolicySet> policySets() {
        List<PolicySet> out = new ArrayList<>();
        snapshot.index().sets().forEach(s -> out.add(s.set()));
        return out;
    }

    /**
     * Rules whose conditions name a tool that is not in {@code knownTools} ({@code tool.name == "x"},
     * {@code tool.name in [...]}, or a {@code tool.name.startsWith("p")} prefix no known tool has). Used at boot to
     * fail fast on typos.
     */
    public List<PolicyProblem> unknownTools(Set<String> knownTools) {
        return ToolNameReferences.unknown(snapshot.index().sets(), knownTools);
    }

    /** Registers a listener told about every load attempt. */
    public void addReloadListener(PolicyReloadListener listener) {
        listeners.add(listener);
    }

    private Map<String, List<CompiledPolicySet>> compileWith(Collection<PolicySource> sources,
            List<PolicyProblem> problems) {
        Map<String, List<CompiledPolicySet>> next = new LinkedHashMap<>(snapshot.bySource());
        for (PolicySource s : sources) {
            next.put(s.id(), compiler.compile(s, problems));
        }
        if (problems.isEmpty()) {
            duplicateNames(next, problems);
        }
        return next;
    }

    private void install(Map<String, List<CompiledPolicySet>> next) {
        List<CompiledPolicySet> all = new ArrayList<>();
        next.values().forEach(all::addAll);
        RuleIndex index = new RuleIndex(all);
        index.warmUp(); // a cold interpreter must not spend the first real call's time budget
        snapshot = new Snapshot(Map.copyOf(next), index);
    }

    private static void duplicateNames(Map<String, List<CompiledPolicySet>> next, List<PolicyProblem> problems) {
        Map<String, String> seen = new HashMap<>();
        next.forEach((source, sets) -> sets.forEach(s -> {
            String other = seen.putIfAbsent(s.name(), source);
            if (other != null) {
                problems.add(new PolicyProblem(source, 0, null, "policy set '" + s.name()
                        + "' is already defined in " + other));
            }
        }));
    }

    private void notifyListeners(List<String> ids, boolean accepted, List<PolicyProblem> problems) {
        List<PolicySet> active = policySets();
        PolicyReloadListener.Event e = new PolicyReloadListener.Event(ids, accepted, List.copyOf(problems), active);
        for (PolicyReloadListener l : listeners) {
            try {
                l.onReload(e);
            } catch (RuntimeException ignored) {
                // A listener can observe a reload, never undo it.
            }
        }
    }

    /** Builds a {@link PolicyEngine}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final Set<String> planes = new java.util.HashSet<>(BUILT_IN_PLANES);

        /** Clock behind {@code now()} and {@code time.within}; inject a fixed clock in tests. */
        public Builder clock(Clock value) {
            this.clock = java.util.Objects.requireNonNull(value);
            return this;
        }

        /** Registers additional plane names rules may target (plugins). */
        public Builder plane(String name) {
            planes.add(name);
            return this;
        }

        public PolicyEngine build() {
            return new PolicyEngine(this);
        }
    }
}
