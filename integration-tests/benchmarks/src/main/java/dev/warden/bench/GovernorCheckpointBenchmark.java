package dev.warden.bench;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import dev.warden.core.telemetry.WardenTelemetry;
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
 * One {@code TOOL_CALL} checkpoint through {@link Governor#check(CheckpointRequest, GovernanceContext)} with 0, 4 or
 * 16 planes that allow immediately. Telemetry is the OpenTelemetry no-op implementation
 * ({@link WardenTelemetry#noop()}); the audit sink either drops the record ({@code noop}) or hash-chains it like the
 * embedded sinks and then drops it ({@code hash-chain}), see {@link BenchAuditSinks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GovernorCheckpointBenchmark {

    @Param({"0", "4", "16"})
    public int planes;

    /** Also accepts {@code none} (no sink: the Governor then skips building the audit record entirely). */
    @Param({"noop", "hash-chain"})
    public String audit;

    private Governor governor;
    private CheckpointRequest request;
    private GovernanceContext context;

    @Setup
    public void setUp() {
        Governor.Builder builder = Governor.builder()
                .planes(TrivialAllowPlane.many(planes))
                .telemetry(WardenTelemetry.noop());
        if (!audit.equals("none")) {
            builder.auditSink(BenchAuditSinks.named(audit));
        }
        governor = builder.build();
        request = BenchFixtures.crmRead();
        context = BenchFixtures.analystContext();
        Verdict v = governor.check(request, context);
        if (v.outcome() != Outcome.ALLOW || v.decisions().size() != planes) {
            throw new IllegalStateException("benchmark set-up is wrong: " + v);
        }
    }

    @Benchmark
    public Verdict toolCallCheckpoint() {
        return governor.check(request, context);
    }
}
