package dev.warden.plane.rate;

import dev.warden.action.BudgetStore;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.plane.rate.internal.HeldCalls;
import dev.warden.plane.rate.internal.RateRules;
import dev.warden.plane.rate.internal.SlidingWindow;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.RuleVocabulary;
import dev.warden.spi.Settlement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rate plane (a plugin, {@code plane: rate}): sliding-window limits such as "at most 5 {@code send_money} per
 * user per hour", counted per user × agent × tool (any combination) in a {@link BudgetStore} — in memory, or
 * PostgreSQL shared by every replica.
 *
 * <h2>Rules</h2>
 * A {@code plane: rate} rule selects the calls it meters with its {@code when} condition and states the limit as a
 * {@link RateLimit#OBLIGATION} obligation of an {@code allow}: "allowed, under this limit". Every matching rule's limit
 * applies; a call over any of them is denied ({@link RateCodes#RATE_EXCEEDED}, naming the rule). {@code deny},
 * {@code require_approval} and {@code confirm} rules of the plane decide as everywhere. Rate rules are enforced
 * (a {@code mode: monitor} limit is not counted) and should share one priority (the engine decides with the highest
 * matching priority level only).
 *
 * <h2>Counting only what happened</h2>
 * {@link #evaluate} reserves one unit per limit, atomically and all-or-nothing; {@link #aborted} (denied by any plane,
 * a failure, a timeout, the tool failed, an approval refused or expired) gives the units back; {@link #committed}
 * keeps them. So a denied call never consumes quota, two concurrent calls can never both take the last unit, and a
 * crash between the two (no hook ever comes) errs on the safe side: the unit stays counted. Calls without a run id
 * cannot be correlated with their settlement and stay counted.
 *
 * <h2>Failing closed</h2>
 * A store that cannot answer, or a rule whose {@code rate-limit} is invalid, blocks the calls concerned with a
 * {@link Decision.Failure} ({@link RateCodes#STORE_UNAVAILABLE}, {@link RateCodes#INVALID_RATE_RULE}).
 *
 * <h2>Threading</h2>
 * Thread-safe. With the {@link InMemoryBudgetStore} evaluation is pure CPU; with the PostgreSQL store it does blocking
 * I/O (two statements per limit) and must run on a worker thread, as the Quarkus starter runs tool checkpoints.
 *
 * <pre>{@code
 * RatePlane rate = RatePlane.builder().engine(engine).budgetStore(store).clock(clock).build();
 * Governor governor = Governor.builder().plane(rate).build();
 * }</pre>
 */
public final class RatePlane implements PolicyPlane {
    /** The name rules target with {@code plane: rate}. */
    public static final String NAME = "rate";
    static final String RULE_MALFORMED = "rate.builtin.well-formed";

    private final Supplier<PolicyEngine> engineSupplier;
    private final BudgetStore store;
    private final Clock clock;
    private final Set<Checkpoint> checkpoints;
    private final HeldCalls held;
    private final java.time.Duration timeBudget;
    private volatile PolicyEngine engine;
    private volatile RateRules rules;

    private RatePlane(Builder b) {
        this.engineSupplier = Objects.requireNonNull(b.engine, "a rate plane needs the policy engine");
        this.clock = b.clock;
        this.store = b.store != null ? b.store : new InMemoryBudgetStore(b.clock);
        this.checkpoints = Set.copyOf(b.checkpoints);
        this.held = new HeldCalls(b.clock, b.maxHeldCalls);
        this.timeBudget = b.timeBudget;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public java.time.Duration timeBudget() {
        return timeBudget;
    }

    /** The plane's rules use the standard vocabulary; the limit is their {@code rate-limit} obligation. */
    @Override
    public RuleVocabulary vocabulary() {
        return RuleVocabulary.builder(NAME).build();
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        if (request.checkpoint() == Checkpoint.TOOL_CALL && (request.tool() == null || request.tool().name().isBlank())) {
            return Decision.deny("tool call names no tool", RateCodes.MALFORMED_REQUEST,
                    new Basis(NAME, null, null, List.of(RULE_MALFORMED), Basis.Mode.ENFORCE));
        }
        Decision ruled = engine().evaluate(NAME, request, context);
        if (!(ruled instanceof Decision.Allow allow) || allow.obligations().isEmpty()) {
            return ruled;
        }
        List<RateRules.Bound> limits = rules().limitsOf(allow.basis().ruleIds(), allow.obligations());
        List<SlidingWindow.Held> reserved = new ArrayList<>(limits.size());
        Instant now = clock.instant();
        long forgetAt = 0;
        for (RateRules.Bound b : limits) {
            Decision refused = reserve(b, request, context, now, reserved);
            if (refused != null) {
                releaseQuietly(reserved);
                return refused;
            }
            forgetAt = Math.max(forgetAt, now.toEpochMilli() + b.limit().window().toMillis()
                    + b.limit().bucketMillis());
        }
        held.hold(callKey(request, context), reserved, forgetAt);
        // the limits are this plane's business: they do not travel on as obligations for the runtime; others do
        List<dev.warden.core.Obligation> others = allow.obligations().stream()
                .filter(o -> !RateLimit.OBLIGATION.equals(o.type())).toList();
        return new Decision.Allow(others, allow.origins(), allow.basis());
    }

    private Decision reserve(RateRules.Bound b, CheckpointRequest request, GovernanceContext context, Instant now,
            List<SlidingWindow.Held> reserved) {
        Basis basis = new Basis(NAME, b.policySet(), b.version(), List.of(b.ruleId()), Basis.Mode.ENFORCE);
        if (b.problem() != null) {
            return Decision.failure(b.problem(), RateCodes.INVALID_RATE_RULE, basis);
        }
        RateLimit limit = b.limit();
        String subject = subject(limit, request, context);
        SlidingWindow.Attempt a;
        try {
            a = SlidingWindow.reserve(store, b.counter(), subject, limit, now);
        } catch (RuntimeException e) {
            return Decision.failure("rate store unavailable: " + e.getMessage(), RateCodes.STORE_UNAVAILABLE, basis);
        }
        if (!a.granted()) {
            return Decision.deny("rate limit of rule '" + b.ruleId() + "' reached for " + subject.replace('|', ' ')
                    + ": " + Math.min(a.used(), limit.limit()) + " of " + limit.describe() + " used",
                    RateCodes.RATE_EXCEEDED, basis);
        }
        reserved.add(a.held());
        return null;
    }

    /** Keeps the units of a call that went ahead. */
    @Override
    public void committed(Settlement settlement) {
        held.commit(callKey(settlement.request(), settlement.context()));
    }

    /** Gives back the units of a call that did not go ahead. */
    @Override
    public void aborted(Settlement settlement) {
        held.abort(callKey(settlement.request(), settlement.context()), store);
    }

    /**
     * Problems of the active rate rules (an invalid or missing {@code rate-limit} obligation), with file, line and
     * rule; calls those rules match are blocked. Check it at startup to fail fast.
     */
    public List<PolicyProblem> problems() {
        return rules().problems();
    }

    /** Calls evaluated whose settlement has not come yet (for tests and metrics). */
    public int pendingCalls() {
        return held.size();
    }

    private void releaseQuietly(List<SlidingWindow.Held> reserved) {
        for (SlidingWindow.Held h : reserved) {
            try {
                store.release(h.key(), h.amount());
            } catch (RuntimeException e) {
                // stays counted: a store that cannot release errs on the safe side
            }
        }
        reserved.clear();
    }

    private PolicyEngine engine() {
        PolicyEngine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    PolicyEngine found = Objects.requireNonNull(engineSupplier.get(), "policy engine");
                    rules = RateRules.of(NAME, found.policySets());
                    found.addReloadListener(event -> {
                        if (event.accepted()) {
                            rules = RateRules.of(NAME, event.active());
                        }
                    });
                    engine = found;
                }
                e = engine;
            }
        }
        return e;
    }

    private RateRules rules() {
        engine();
        return rules;
    }

    static String subject(RateLimit limit, CheckpointRequest request, GovernanceContext context) {
        StringBuilder sb = new StringBuilder();
        for (RateDimension d : RateDimension.values()) {
            if (limit.per().contains(d)) {
                if (!sb.isEmpty()) {
                    sb.append('|');
                }
                sb.append(d.yaml()).append('=').append(d.valueOf(request, context).replace("|", "%7C"));
            }
        }
        return sb.toString();
    }

    /** The same values the runtime settles with: run, checkpoint, step and tool call (or target). */
    static String callKey(CheckpointRequest request, GovernanceContext context) {
        if (context.runId() == null) {
            return null;
        }
        return context.tenant() + '|' + context.runId() + '|' + request.checkpoint() + '|' + request.step() + '|'
                + (request.toolCallId() != null ? request.toolCallId() : request.target());
    }

    /** Builds a {@link RatePlane}; not thread-safe, use once. */
    public static final class Builder {
        private Supplier<PolicyEngine> engine;
        private BudgetStore store;
        private Clock clock = Clock.systemUTC();
        private Set<Checkpoint> checkpoints = EnumSet.of(Checkpoint.TOOL_CALL, Checkpoint.DELEGATION);
        private int maxHeldCalls = 100_000;
        private java.time.Duration timeBudget = DEFAULT_TIME_BUDGET;

        private Builder() {}

        /** The engine whose {@code plane: rate} rules select calls and declare limits. */
        public Builder engine(PolicyEngine value) {
            Objects.requireNonNull(value, "engine");
            this.engine = () -> value;
            return this;
        }

        /** The engine, looked up at the first evaluation (for containers where the engine is built from the planes). */
        public Builder engine(Supplier<PolicyEngine> value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** Where counters live: shared (PostgreSQL) across replicas, or in memory (the default) per process. */
        public Builder budgetStore(BudgetStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Clock of the windows; inject a test clock in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Checkpoints whose calls rules may limit; {@code TOOL_CALL} and {@code DELEGATION} by default. */
        public Builder checkpoints(Set<Checkpoint> value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the rate plane needs at least one checkpoint");
            }
            this.checkpoints = EnumSet.copyOf(value);
            return this;
        }

        /** Most calls held awaiting settlement (beyond it, new calls simply stay counted); 100 000 by default. */
        public Builder maxHeldCalls(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxHeldCalls must be positive");
            }
            this.maxHeldCalls = value;
            return this;
        }

        /**
         * Longest an evaluation may take (default {@link PolicyPlane#DEFAULT_TIME_BUDGET}); with a shared store allow
         * for two database round trips per matching limit. Past it the call is blocked and its units released.
         */
        public Builder timeBudget(java.time.Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("time budget must be positive");
            }
            this.timeBudget = value;
            return this;
        }

        public RatePlane build() {
            return new RatePlane(this);
        }
    }
}
