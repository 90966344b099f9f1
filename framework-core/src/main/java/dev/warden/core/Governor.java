package dev.warden.core;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.internal.DecisionRecords;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.spi.AsyncPolicyPlane;
import dev.warden.spi.AuditSink;
import dev.warden.spi.DecisionObserver;
import dev.warden.spi.PolicyPlane;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The checkpoint engine: asks every plane subscribed to a checkpoint for a {@link Decision}, combines them
 * ({@link DecisionCombiner}), records the result in the audit trail, an OpenTelemetry {@code apply_guardrail} span and
 * the decision metrics, and returns the {@link Verdict}.
 *
 * <h2>Order and failure</h2>
 * Planes run in ascending {@link PolicyPlane#priority()}, ties broken by name, so registration order never matters.
 * Each plane sees the request as transformed by the planes before it. A plane that throws, returns {@code null} or
 * runs past its {@link PolicyPlane#timeBudget()} yields a {@link Decision.Failure}: the action is blocked (fail
 * closed). A synchronous plane cannot be pre-empted, so its overrun is detected when it returns; an
 * {@link AsyncPolicyPlane} is cancelled when its budget elapses.
 *
 * <h2>Audit</h2>
 * The record is appended before the verdict is returned. If the audit sink fails, a verdict that would have let the
 * action proceed becomes {@link Outcome#ERROR} ({@link WardenCodes#AUDIT_UNAVAILABLE}): no unaudited action.
 *
 * <h2>Threading</h2>
 * Thread-safe and allocation-light. {@link #check} runs on the caller's thread and never blocks unless a subscribed
 * plane is asynchronous; use {@link #evaluate} from an event loop.
 *
 * <pre>{@code
 * Governor governor = Governor.builder().plane(new ReadOnlyCrmPlane()).auditSink(sink).build();
 * Verdict v = governor.check(CheckpointRequest.toolCall(1, tool, "call-1", args), context);
 * if (v.proceeds()) { ... }
 * }</pre>
 */
public final class Governor {
    /** Name recorded for decisions the runtime makes itself (unknown tool, malformed arguments, limits…). */
    public static final String RUNTIME_PLANE = "warden-runtime";

    private static final Comparator<PolicyPlane> ORDER =
            Comparator.comparingInt(PolicyPlane::priority).thenComparing(PolicyPlane::name);

    private final List<PolicyPlane> planes;
    private final EnumMap<Checkpoint, PolicyPlane[]> byCheckpoint = new EnumMap<>(Checkpoint.class);
    private final Set<Checkpoint> asyncCheckpoints = new HashSet<>();
    private final List<AuditSink> auditSinks;
    private final List<DecisionObserver> observers;
    private final WardenTelemetry telemetry;
    private final Clock clock;
    private final boolean captureArguments;
    private final dev.warden.core.audit.AuditRedaction auditRedaction;
    private final boolean reportAllowDecisions;
    private final dev.warden.core.audit.AuditDurability auditDurability;
    private final CheckpointMetrics metrics;

    private Governor(Builder b) {
        List<PolicyPlane> sorted = new ArrayList<>(b.planes);
        sorted.sort(ORDER);
        Set<String> names = new HashSet<>();
        for (PolicyPlane p : sorted) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two policy planes are named '" + p.name() + "'");
            }
        }
        this.planes = List.copyOf(sorted);
        for (Checkpoint cp : Checkpoint.values()) {
            List<PolicyPlane> at = new ArrayList<>();
            for (PolicyPlane p : sorted) {
                Set<Checkpoint> cps = p.checkpoints();
                if (cps != null && cps.contains(cp)) {
                    at.add(p);
                    if (p instanceof AsyncPolicyPlane) {
                        asyncCheckpoints.add(cp);
                    }
                }
            }
            byCheckpoint.put(cp, at.toArray(new PolicyPlane[0]));
        }
        this.auditSinks = List.copyOf(b.auditSinks);
        this.observers = List.copyOf(b.observers);
        this.telemetry = b.telemetry;
        this.metrics = new CheckpointMetrics(b.telemetry);
        this.clock = b.clock;
        this.captureArguments = b.captureArguments;
        this.auditRedaction = b.auditRedaction;
        this.reportAllowDecisions = b.reportAllowDecisions;
        this.auditDurability = b.auditDurability;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Planes in evaluation order. */
    public List<PolicyPlane> planes() {
        return planes;
    }

    /** Planes consulted at {@code checkpoint}, in evaluation order. */
    public List<PolicyPlane> planesAt(Checkpoint checkpoint) {
        return List.of(byCheckpoint.get(checkpoint));
    }

    public WardenTelemetry telemetry() {
        return telemetry;
    }

    public Clock clock() {
        return clock;
    }

    public List<AuditSink> auditSinks() {
        return auditSinks;
    }

    /**
     * Whether a run's decision list names every consulted plane, allows included (the audit record always does);
     * by default only the planes that did more than allow are named.
     */
    public boolean reportsAllowDecisions() {
        return reportAllowDecisions;
    }

    /** Synchronous evaluation on the caller's thread, parented to the current OpenTelemetry context. */
    public Verdict check(CheckpointRequest request, GovernanceContext context) {
        return check(request, context, Context.current());
    }

    /**
     * Synchronous evaluation. Blocks only if an asynchronous plane subscribes to the checkpoint (each plane bounded by
     * its own time budget).
     */
    public Verdict check(CheckpointRequest request, GovernanceContext context, Context parent) {
        return check(request, context, parent, false);
    }

    private Verdict check(CheckpointRequest request, GovernanceContext context, Context parent, boolean deferrable) {
        if (request == null || context == null) {
            return malformed(request, context, parent);
        }
        if (asyncCheckpoints.contains(request.checkpoint())) {
            return evaluate(request, context, parent, deferrable).await().indefinitely();
        }
        long start = System.nanoTime();
        Span span = startSpan(request, context, parent);
        PolicyPlane[] at = byCheckpoint.get(request.checkpoint());
        List<PlaneDecision> decisions = new ArrayList<>(at.length);
        CheckpointRequest current = request;
        for (PolicyPlane plane : at) {
            long t0 = System.nanoTime();
            Decision d = PlaneCalls.evaluateSafely(plane, current, context);
            long took = System.nanoTime() - t0;
            d = PlaneCalls.enforceBudget(plane, d, took);
            decisions.add(new PlaneDecision(plane.name(), d, took));
            if (d instanceof Decision.Transform t && t.basis().enforced()) {
                current = t.applyTo(current);
            }
        }
        Verdict verdict = DecisionCombiner.combine(request.checkpoint(), decisions, current, System.nanoTime() - start);
        return settleIfFinal(request, context, conclude(request, context, verdict, span, deferrable));
    }

    /** Non-blocking evaluation; safe on an event loop. Emits exactly one verdict and never fails. */
    public Uni<Verdict> evaluate(CheckpointRequest request, GovernanceContext context) {
        return evaluate(request, context, Context.current());
    }

    public Uni<Verdict> evaluate(CheckpointRequest request, GovernanceContext context, Context parent) {
        return evaluate(request, context, parent, false);
    }

    /**
     * As {@link #evaluate(CheckpointRequest, GovernanceContext, Context)}, for a checkpoint after which nothing leaves
     * the runtime before the run's next checkpoint (an agent run's model response or tool result): with
     * {@link dev.warden.core.audit.AuditDurability#EFFECT} a verdict that lets the run go on returns once its record
     * is linked, and the run's next checkpoint waits for it (decision 0047). Otherwise the same as {@code evaluate}.
     */
    public Uni<Verdict> evaluateBeforeNextCheckpoint(CheckpointRequest request, GovernanceContext context,
            Context parent) {
        return evaluate(request, context, parent, true);
    }

    private Uni<Verdict> evaluate(CheckpointRequest request, GovernanceContext context, Context parent,
            boolean deferrable) {
        if (request == null || context == null || !asyncCheckpoints.contains(request.checkpoint())) {
            return Uni.createFrom().item(() -> check(request, context, parent, deferrable));
        }
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Span span = startSpan(request, context, parent);
            PolicyPlane[] at = byCheckpoint.get(request.checkpoint());
            Uni<AsyncState> chain = Uni.createFrom().item(new AsyncState(request, at.length));
            for (PolicyPlane plane : at) {
                chain = chain.chain(state -> evaluateOneAsync(plane, state, context));
            }
            return chain.map(state -> settleIfFinal(request, context, conclude(request, context,
                    DecisionCombiner.combine(request.checkpoint(), state.decisions, state.current,
                            System.nanoTime() - start), span, deferrable)));
        });
    }

    /**
     * Records a verdict the runtime reached without planes (unknown tool, malformed arguments, limits): audit, span
     * and metrics, like any other checkpoint.
     */
    public Verdict record(CheckpointRequest request, GovernanceContext context, Verdict verdict, Context parent) {
        Span span = startSpan(request, context, parent);
        return conclude(request, context, verdict, span, false);
    }

    /**
     * Tells the planes consulted at {@code request}'s checkpoint that the action {@code verdict} let through went
     * ahead ({@link PolicyPlane#committed}). Called by the seam that performed the action (the tool executor after a
     * permitted {@code TOOL_CALL} ran); the Governor itself settles every other checkpoint. Never throws.
     *
     * @param request the request as submitted to {@link #check}/{@link #evaluate}
     * @param verdict the verdict that let it through (or the human decision that did), whose plane decisions are
     *     handed to the planes that made them
     */
    public void committed(CheckpointRequest request, GovernanceContext context, Verdict verdict) {
        PlaneSettlements.settle(byCheckpoint, clock, request, context, verdict, null, null);
    }

    /**
     * Tells the planes consulted at {@code request}'s checkpoint that the action did not happen
     * ({@link PolicyPlane#aborted}): the tool failed or timed out, a human refused it or let the approval expire.
     * Denials and failures at the checkpoint itself are settled by the Governor. Never throws.
     */
    public void aborted(CheckpointRequest request, GovernanceContext context, Verdict verdict,
            dev.warden.spi.Settlement.Abort abort, String detail) {
        PlaneSettlements.settle(byCheckpoint, clock, request, context, verdict, Objects.requireNonNull(abort), detail);
    }

    /**
     * Settles what is final at the checkpoint: a blocked action is aborted for every consulted plane; an action that
     * proceeds is committed unless a seam performs it later ({@code TOOL_CALL}); a pending approval or confirmation
     * waits for the human.
     */
    private Verdict settleIfFinal(CheckpointRequest request, GovernanceContext context, Verdict verdict) {
        PlaneSettlements.settleIfFinal(byCheckpoint, clock, request, context, verdict);
        return verdict;
    }

    private static final class AsyncState {
        CheckpointRequest current;
        final List<PlaneDecision> decisions;

        AsyncState(CheckpointRequest current, int size) {
            this.current = current;
            this.decisions = new ArrayList<>(size);
        }
    }

    private Uni<AsyncState> evaluateOneAsync(PolicyPlane plane, AsyncState state, GovernanceContext context) {
        long t0 = System.nanoTime();
        Uni<Decision> uni;
        if (plane instanceof AsyncPolicyPlane async) {
            Duration budget = PlaneCalls.budgetOf(plane);
            uni = Deadlines.within(Uni.createFrom().deferred(() -> {
                        Uni<Decision> u = async.evaluateAsync(state.current, context);
                        return u == null ? Uni.createFrom().nullItem() : u;
                    }), budget, () -> new TimeoutException("time budget " + budget + " exceeded"));
        } else {
            uni = Uni.createFrom().item(() -> PlaneCalls.evaluateSafely(plane, state.current, context));
        }
        return uni.onItemOrFailure().transform((d, failure) -> {
            long took = System.nanoTime() - t0;
            Decision decision;
            if (failure instanceof TimeoutException) {
                decision = Decision.failure(plane.name() + " exceeded its time budget", WardenCodes.PLANE_TIMEOUT,
                        Basis.of(plane.name()));
            } else if (failure != null) {
                decision = PlaneCalls.failureOf(plane, failure);
            } else if (d == null) {
                decision = Decision.failure(plane.name() + " returned no decision", WardenCodes.PLANE_ERROR,
                        Basis.of(plane.name()));
            } else {
                decision = PlaneCalls.enforceBudget(plane, d, took);
            }
            state.decisions.add(new PlaneDecision(plane.name(), decision, took));
            if (decision instanceof Decision.Transform t && t.basis().enforced()) {
                state.current = t.applyTo(state.current);
            }
            return state;
        });
    }

    private Verdict malformed(CheckpointRequest request, GovernanceContext context, Context parent) {
        Verdict v = Verdict.synthetic(request, Outcome.DENY,
                request == null ? "checkpoint request is missing" : "governance context is missing",
                WardenCodes.MALFORMED_REQUEST);
        if (request == null || context == null) {
            metrics.malformed(v.checkpoint());
            return v; // nothing to attribute an audit record to
        }
        return record(request, context, v, parent);
    }

    private Span startSpan(CheckpointRequest request, GovernanceContext context, Context parent) {
        return VerdictSpans.start(telemetry.tracer(), request, context, parent);
    }

    private Verdict conclude(CheckpointRequest request, GovernanceContext context, Verdict verdict, Span span,
            boolean deferrable) {
        DecisionRecord written = null;
        if (!auditSinks.isEmpty()) {
            // only a verdict that lets the run go on to its next checkpoint; refusals and pauses are acted on now
            boolean deferred = deferrable && auditDurability == dev.warden.core.audit.AuditDurability.EFFECT
                    && verdict.proceeds() && context.runId() != null;
            SpanContext sc = span.getSpanContext();
            DecisionRecord record = DecisionRecords.of(request, context, verdict, clock.instant(),
                    sc.isValid() ? sc.getTraceId() : null, sc.isValid() ? sc.getSpanId() : null, captureArguments,
                    auditRedaction);
            try {
                for (AuditSink sink : auditSinks) {
                    DecisionRecord r = deferred ? sink.appendLinked(record) : sink.append(record);
                    if (written == null) {
                        written = r;
                    }
                }
            } catch (RuntimeException e) {
                if (verdict.proceeds() || verdict.outcome() == Outcome.REQUIRE_APPROVAL
                        || verdict.outcome() == Outcome.REQUIRE_CONFIRMATION) {
                    List<PlaneDecision> ds = new ArrayList<>(verdict.decisions());
                    ds.add(new PlaneDecision(RUNTIME_PLANE, Decision.failure("audit trail unavailable",
                            WardenCodes.AUDIT_UNAVAILABLE, Basis.of(RUNTIME_PLANE)), 0));
                    verdict = new Verdict(verdict.checkpoint(), Outcome.ERROR, "audit trail unavailable: "
                            + e.getMessage(), WardenCodes.AUDIT_UNAVAILABLE, ds, verdict.obligations(),
                            verdict.effectiveRequest(), null, verdict.latencyNanos());
                }
            }
        }
        if (span.isRecording()) {
            VerdictSpans.annotate(span, context, verdict);
        }
        span.end();
        try {
            metrics.record(verdict);
        } catch (RuntimeException e) { // telemetry can never change an outcome
            System.getLogger(Governor.class.getName()).log(System.Logger.Level.WARNING,
                    "checkpoint metrics failed (ignored)", e);
        }
        for (int i = 0, n = observers.size(); i < n; i++) {
            try {
                observers.get(i).onDecision(request, context, verdict, written);
            } catch (RuntimeException e) {
                System.getLogger(Governor.class.getName()).log(System.Logger.Level.WARNING,
                        "decision observer failed (ignored, observers cannot change outcomes)", e);
            }
        }
        return verdict;
    }

    /** Builds a {@link Governor}. */
    public static final class Builder {
        private final List<PolicyPlane> planes = new ArrayList<>();
        private final List<AuditSink> auditSinks = new ArrayList<>();
        private final List<DecisionObserver> observers = new ArrayList<>();
        private WardenTelemetry telemetry = WardenTelemetry.noop();
        private Clock clock = Clock.systemUTC();
        private boolean captureArguments;
        private dev.warden.core.audit.AuditRedaction auditRedaction = dev.warden.core.audit.AuditRedaction.NONE;
        private boolean reportAllowDecisions;
        private dev.warden.core.audit.AuditDurability auditDurability = dev.warden.core.audit.AuditDurability.RECORD;

        /**
         * When checkpoints wait for their audit record to be durable: {@code RECORD} (default) every checkpoint,
         * {@code EFFECT} only before something leaves the runtime (decision 0047).
         */
        public Builder auditDurability(dev.warden.core.audit.AuditDurability value) {
            auditDurability = Objects.requireNonNull(value, "auditDurability");
            return this;
        }

        /** List planes that simply allowed in a run's decision list too (see {@link #reportsAllowDecisions()}). */
        public Builder reportAllowDecisions(boolean value) {
            reportAllowDecisions = value;
            return this;
        }

        public Builder plane(PolicyPlane plane) {
            planes.add(Objects.requireNonNull(plane, "plane"));
            return this;
        }

        public Builder planes(Collection<? extends PolicyPlane> values) {
            values.forEach(this::plane);
            return this;
        }

        /** Adds the planes registered with {@link java.util.ServiceLoader} under {@link PolicyPlane}. */
        public Builder discoverPlanes() {
            java.util.ServiceLoader.load(PolicyPlane.class).forEach(this::plane);
            return this;
        }

        public Builder auditSink(AuditSink sink) {
            auditSinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        public Builder observer(DecisionObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        public Builder telemetry(WardenTelemetry value) {
            telemetry = Objects.requireNonNull(value, "telemetry");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Store (post-transform) tool arguments in audit records; off by default, the digest is always stored. */
        public Builder captureArguments(boolean value) {
            captureArguments = value;
            return this;
        }

        /**
         * Labels whose values audit records hold only as salted digests, like SECRET arguments (which are digested
         * whatever this says); default: none besides SECRET.
         */
        public Builder auditRedaction(dev.warden.core.audit.AuditRedaction value) {
            auditRedaction = Objects.requireNonNull(value, "auditRedaction");
            return this;
        }

        public Governor build() {
            return new Governor(this);
        }
    }

    /** For diagnostics: planes per checkpoint. */
    public Map<Checkpoint, List<String>> subscriptions() {
        EnumMap<Checkpoint, List<String>> m = new EnumMap<>(Checkpoint.class);
        byCheckpoint.forEach((cp, ps) -> {
            List<String> names = new ArrayList<>();
            for (PolicyPlane p : ps) {
                names.add(p.name());
            }
            m.put(cp, List.copyOf(names));
        });
        return m;
    }
}
