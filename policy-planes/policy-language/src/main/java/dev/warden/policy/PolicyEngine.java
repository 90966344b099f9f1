package dev.warden.policy;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.internal.CelEnvironment;
import dev.warden.policy.internal.CompiledPolicySet;
import dev.warden.policy.internal.PolicyCompiler;
import dev.warden.policy.internal.ReloadInvariants;
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
import java.util.concurrent.ConcurrentHashMap;
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
 * <h2>Reload invariants</h2>
 * Once something is active, an attempt is also rejected when it would unload a set without a removal document
 * ({@code removed: true}) in the source that held it, unload a set an agent names ({@link #requireSet}), or drop a
 * rule its set does not list under {@code removedRules}: an empty, truncated or deleted file never disarms the
 * policies. A source that cannot be read is reported with {@link #rejectUnreadable}. Listeners hear every attempt,
 * including the explicit removals an accepted one made.
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
    private static final System.Logger LOG = System.getLogger(PolicyEngine.class.getName());
    /** The planes Warden ships; rules naming another plane are rejected unless it is registered. */
    public static final Set<String> BUILT_IN_PLANES = Set.of("identity", "action-boundary", "data-flow");

    private record Snapshot(Map<String, List<CompiledPolicySet>> bySource, RuleIndex index) {}

    private final PolicyCompiler compiler;
    private final List<PolicyReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> required = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), new RuleIndex(List.of()));

    private final Map<String, dev.warden.spi.RuleVocabulary> vocabularies;
    private final Set<String> planes;

    private PolicyEngine(Builder b) {
        this.vocabularies = Map.copyOf(b.vocabularies);
        this.planes = Set.copyOf(b.planes);
        Set<String> ruleless = new java.util.TreeSet<>(b.ruleless);
        ruleless.removeAll(b.planes);
        this.compiler = new PolicyCompiler(b.planes, ruleless, new CelEnvironment(b.clock,
                new dev.warden.policy.internal.DataSets(b.dataSets), b.vocabularies.values()), b.precompiled);
    }

    /** The planes rules may target: the built-in ones and every registered plugin plane. */
    public Set<String> planes() {
        return planes;
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

    /**
     * The checked forms of every expression of {@code sources} in this engine's environment, for an engine that later
     * loads the same documents ({@link Builder#precompiled}). Nothing is loaded; what does not compile is left out.
     */
    public PrecompiledPolicies precompile(Collection<PolicySource> sources) {
        Map<String, Map<String, byte[]>> byDigest = new LinkedHashMap<>();
        for (PolicySource s : sources) {
            Map<String, byte[]> forms = new LinkedHashMap<>();
            compiler.compile(s, new ArrayList<>(), forms);
            if (!forms.isEmpty()) {
                byDigest.computeIfAbsent(dev.warden.core.audit.CanonicalJson.sha256Hex(s.text()), k -> new LinkedHashMap<>())
                        .putAll(forms);
            }
        }
        return PrecompiledPolicies.of(byDigest);
    }

    /** How many expressions this engine took from {@link Builder#precompiled} forms instead of compiling them. */
    public int precompiledExpressionsUsed() {
        return compiler.environment().compiledFromForms();
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
        apply(ids, next, problems);
    }

    /**
     * Unloads the source {@code sourceId} (its file was deleted, say); returns whether it was loaded. Subject to the
     * reload invariants: a source that still holds sets cannot simply vanish (replace it with removal documents
     * first), so this throws {@link PolicyLoadException} and the sets keep serving.
     */
    public synchronized boolean remove(String sourceId) {
        if (!snapshot.bySource().containsKey(sourceId)) {
            return false;
        }
        Map<String, List<CompiledPolicySet>> next = new LinkedHashMap<>(snapshot.bySource());
        next.remove(sourceId);
        apply(List.of(sourceId), next, new ArrayList<>());
        return true;
    }

    /**
     * Declares that {@code requiredBy} (an agent) names set {@code set}: from now on no reload may unload it, not even
     * with a removal document.
     */
    public void requireSet(String set, String requiredBy) {
        required.computeIfAbsent(set, k -> ConcurrentHashMap.newKeySet()).add(requiredBy);
    }

    /**
     * Reports an attempt that never got as far as compiling: the source changed but cannot be read (permissions, a
     * half-copied or undecodable file, a vanished directory). Nothing changes; listeners hear a rejected attempt.
     */
    public synchronized void rejectUnreadable(String sourceId, String reason) {
        notifyListeners(List.of(sourceId), false, List.of(new PolicyProblem(sourceId, 0, null, reason)), List.of());
    }

    private void apply(List<String> ids, Map<String, List<CompiledPolicySet>> next, List<PolicyProblem> problems) {
        List<String> removals = List.of();
        if (problems.isEmpty()) {
            ReloadInvariants.Result r = ReloadInvariants.check(snapshot.bySource(), next, ids, required);
            problems.addAll(r.problems());
            removals = r.removals();
        }
        if (!problems.isEmpty()) {
            notifyListeners(ids, false, problems, List.of());
            throw new PolicyLoadException(problems);
        }
        install(next);
        notifyListeners(ids, true, List.of(), removals);
    }

    /** Decides for {@code plane} at the request's checkpoint. Never throws, never returns null. */
    public Decision evaluate(String plane, CheckpointRequest request, GovernanceContext context) {
        try {
            RuleIndex.Group group = snapshot.index().group(plane, request.checkpoint());
            if (group.isEmpty()) {
                return Decision.allow(plane);
            }
            return RuleEvaluator.evaluate(plane, group, request, context, vocabularies.get(plane));
        } catch (RuntimeException e) {
            // the reason reaches the model's refusal text and the run's decisions: no exception class or text there
            LOG.log(System.Logger.Level.WARNING, "policy evaluation of plane " + plane + " failed at "
                    + request.checkpoint(), e);
            return Decision.failure("policy evaluation failed (see the server log)", PolicyCodes.MALFORMED_INPUT,
                    dev.warden.core.Basis.of(plane));
        }
    }

    /**
     * The {@code decision: declassify} grants (plane {@code data-flow}) whose conditions hold for {@code request}
     * (decision 0039): what the requester may lower by confirming this exact call. Monitor-mode rules grant nothing;
     * a condition that fails to evaluate grants nothing (fail closed). Never throws.
     */
    public List<dev.warden.core.Declassification.Grant> declassifications(CheckpointRequest request,
            GovernanceContext context) {
        try {
            RuleIndex.Group group = snapshot.index().group("data-flow", request.checkpoint());
            return group.isEmpty() ? List.of() : RuleEvaluator.grants(group, request, context);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The engine's declassify rules as the data-flow plane asks for them. */
    public dev.warden.spi.DeclassificationPolicy declassificationPolicy() {
        return this::declassifications;
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

    /**
     * Rules that read an argument ({@code args.X}, {@code has(args.X)}, {@code args["X"]}) which is not a parameter of
     * every tool the rule names in its top-level conjunction (rules that name none are not checked). Used at boot
     * with the parameter names of every registered tool, so a misspelt argument fails the start with file, line and
     * rule id instead of silently never applying.
     *
     * @param parametersByTool parameter names by tool name
     */
    public List<PolicyProblem> unknownArguments(java.util.Map<String, Set<String>> parametersByTool) {
        return dev.warden.policy.internal.ArgumentReferences.unknown(snapshot.index().sets(), parametersByTool);
    }

    /**
     * As {@link #unknownArguments}, and also rules that use an argument as a type its parameter does not have
     * ({@code args.amount > 500.0} where {@code amount} is text), code {@link PolicyCodes#ARGUMENT_TYPE}.
     *
     * @param parameterTypes tool name → parameter name → JSON Schema type ({@code string}, {@code number},
     *     {@code integer}, {@code boolean}, {@code array}, {@code object}; {@code ""} when unknown)
     */
    public List<PolicyProblem> argumentProblems(java.util.Map<String, java.util.Map<String, String>> parameterTypes) {
        return dev.warden.policy.internal.ArgumentReferences.problems(snapshot.index().sets(), parameterTypes);
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
        Map<String, List<CompiledPolicySet>> live = new LinkedHashMap<>();
        List<CompiledPolicySet> all = new ArrayList<>();
        // removal documents have done their job once the invariants accepted them; they are never evaluated
        next.forEach((source, sets) -> live.put(source, sets.stream().filter(s -> !s.removed()).toList()));
        live.values().forEach(all::addAll);
        RuleIndex index = new RuleIndex(all);
        index.warmUp(); // a cold interpreter must not spend the first real call's time budget
        snapshot = new Snapshot(Map.copyOf(live), index);
    }

    private static void duplicateNames(Map<String, List<CompiledPolicySet>> next, List<PolicyProblem> problems) {
        Map<String, String> seen = new HashMap<>();
        next.forEach((source, sets) -> sets.stream().filter(s -> !s.removed()).forEach(s -> {
            String other = seen.putIfAbsent(s.name(), source);
            if (other != null) {
                problems.add(new PolicyProblem(source, 0, null, "policy set '" + s.name()
                        + "' is already defined in " + other));
            }
        }));
    }

    private void notifyListeners(List<String> ids, boolean accepted, List<PolicyProblem> problems,
            List<String> removals) {
        List<PolicySet> active = policySets();
        PolicyReloadListener.Event e = new PolicyReloadListener.Event(ids, accepted, List.copyOf(problems), active,
                removals);
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
        private final List<PolicyDataSet> dataSets = new ArrayList<>();
        private final Map<String, dev.warden.spi.RuleVocabulary> vocabularies = new LinkedHashMap<>();
        private final Set<String> ruleless = new java.util.TreeSet<>();
        private PrecompiledPolicies precompiled = PrecompiledPolicies.none();

        /** Clock behind {@code now()} and {@code time.within}; inject a fixed clock in tests. */
        public Builder clock(Clock value) {
            this.clock = java.util.Objects.requireNonNull(value);
            return this;
        }

        /**
         * Adds a named data set rules may read with {@code dataset.contains} (see {@link PolicyDataSet}); two sets
         * with one name fail {@link #build()}.
         */
        public Builder dataSet(PolicyDataSet set) {
            dataSets.add(java.util.Objects.requireNonNull(set));
            return this;
        }

        /**
         * Registers an additional plane name rules may target, with the standard vocabulary only (same as
         * {@code vocabulary(RuleVocabulary.builder(name).build())}).
         */
        public Builder plane(String name) {
            if (BUILT_IN_PLANES.contains(name)) {
                return this;
            }
            return vocabulary(dev.warden.spi.RuleVocabulary.builder(name).build());
        }

        /**
         * Lets rules with {@code plane: <vocabulary.plane()>} load, type-checked against the standard variables and
         * functions plus the vocabulary's. A vocabulary whose names clash with Warden's (or another plane's
         * vocabulary for the same plane) fails {@link #build()}.
         */
        public Builder vocabulary(dev.warden.spi.RuleVocabulary vocabulary) {
            java.util.Objects.requireNonNull(vocabulary, "vocabulary");
            if (BUILT_IN_PLANES.contains(vocabulary.plane())) {
                throw new IllegalArgumentException("plane '" + vocabulary.plane() + "' is built in; its vocabulary "
                        + "cannot be extended");
            }
            if (vocabularies.putIfAbsent(vocabulary.plane(), vocabulary) != null) {
                throw new IllegalArgumentException("two rule vocabularies for plane '" + vocabulary.plane() + "'");
            }
            planes.add(vocabulary.plane());
            return this;
        }

        /**
         * Registers the planes of an application: each plane's {@link dev.warden.spi.PolicyPlane#vocabulary()}
         * (rules may target the plane), and the names of those that declare none, so a rule naming one of them is
         * told that the plane takes no YAML rules instead of "unknown plane".
         */
        public Builder planes(Collection<? extends dev.warden.spi.PolicyPlane> values) {
            for (dev.warden.spi.PolicyPlane p : values) {
                if (BUILT_IN_PLANES.contains(p.name())) {
                    continue;
                }
                dev.warden.spi.RuleVocabulary v = p.vocabulary();
                if (v == null) {
                    ruleless.add(p.name());
                } else if (!v.plane().equals(p.name())) {
                    throw new IllegalArgumentException("plane '" + p.name() + "' returns a rule vocabulary for plane '"
                            + v.plane() + "'");
                } else {
                    vocabulary(v);
                }
            }
            return this;
        }

        /** Forms from {@link PolicyEngine#precompile}: used only for the exact document text and environment. */
        public Builder precompiled(PrecompiledPolicies forms) {
            this.precompiled = java.util.Objects.requireNonNull(forms);
            return this;
        }

        /** Builds the engine; throws {@link IllegalArgumentException} when a vocabulary clashes with Warden's names. */
        public PolicyEngine build() {
            return new PolicyEngine(this);
        }
    }
}
