package dev.warden.bench;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code PolicyEngine.evaluate("action-boundary", request, context)} over the 50 rules of
 * {@code bench-policies/fifty-rules.yaml} at {@code TOOL_CALL}. Scenarios: {@code crm-read} (no rule matches: the
 * common case), {@code sql-select} (the {@code sql.kind} rules run; JSqlParser results are cached per text) and
 * {@code email-send} (an approval rule matches, so a decision with its basis is built).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEvaluationBenchmark {
    static final String PLANE = "action-boundary";
    static final String POLICY = "bench-policies/fifty-rules.yaml";
    /** Monday 10:00 UTC: inside business hours, so the time-window rule evaluates but does not match. */
    static final Clock MONDAY_MORNING = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @Param({"crm-read", "sql-select", "email-send"})
    public String scenario;

    private PolicyEngine engine;
    private CheckpointRequest request;
    private GovernanceContext context;

    static PolicyEngine engine() {
        PolicyEngine engine = PolicyEngine.builder().clock(MONDAY_MORNING).build();
        engine.load(PolicySource.classpath(POLICY));
        return engine;
    }

    /** The decision each scenario must reach; checked once at set-up so a broken fixture cannot be benchmarked. */
    static Class<? extends Decision> expected(String scenario) {
        return "email-send".equals(scenario) ? Decision.RequireApproval.class : Decision.Allow.class;
    }

    @Setup
    public void setUp() {
        engine = engine();
        request = BenchFixtures.scenario(scenario);
        context = BenchFixtures.analystContext();
        Decision d = evaluate();
        if (!expected(scenario).isInstance(d)) {
            throw new IllegalStateException("scenario " + scenario + " decided " + d);
        }
    }

    @Benchmark
    public Decision evaluate() {
        return engine.evaluate(PLANE, request, context);
    }
}
