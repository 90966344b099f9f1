package dev.warden.bench;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data-flow plane's own latency per checkpoint ({@code plane.evaluate}, no Governor, no audit): labelling a
 * small tool result (detectors + ledger), a high-risk {@code TOOL_CALL} whose IBAN is in the user's request
 * (provenance, containment, egress), and a 500-character answer at {@code AGENT_OUTPUT} (egress to the user channel).
 * The run ledger reaches its bounded steady state (256 entries per run) during warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DataFlowPlaneBenchmark {
    @Param({"TOOL_RESULT", "TOOL_CALL", "AGENT_OUTPUT"})
    public String checkpoint;

    private DataFlowPlane plane;
    private CheckpointRequest request;
    private GovernanceContext context;

    @Setup
    public void setUp() {
        plane = new DataFlowPlane(DataFlowConfig.builder()
                .fieldLabels("ssn", Labels.of(Confidentiality.RESTRICTED, "PII")).build());
        String iban = "DE89370400440532013000";
        context = GovernanceContext.of(Principal.of("alice", "customer"), new AgentIdentity("bank", "1", "team"))
                .withTask(new TaskContext("bench-run", null, null));
        Map<String, Object> attrs = Map.of(CheckpointAttributes.USER_INPUT, "Please send 50 EUR to " + iban);
        ToolDescriptor send = ToolDescriptor.named("send_money", Effect.FINANCIAL, Effect.WRITE);
        ToolDescriptor read = ToolDescriptor.named("get_transactions", Effect.READ);
        request = switch (checkpoint) {
            case "TOOL_RESULT" -> new CheckpointRequest(Checkpoint.TOOL_RESULT, 1, read, "c1", null,
                    "[{\"from\":\"Landlord GmbH\",\"iban\":\"DE02120300000000202051\",\"amount\":-950.0,"
                            + "\"subject\":\"Rent\"}]", Labels.PUBLIC, read.name(), attrs);
            case "TOOL_CALL" -> CheckpointRequest.toolCall(2, send, "c2",
                    Map.of("recipient", iban, "amount", 50)).withAttributes(attrs);
            default -> new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 3, null, null, null,
                    "Your transfer of 50 EUR to the account ending 3000 was sent. ".repeat(8), Labels.PUBLIC,
                    DataFlowConfig.USER_CHANNEL, attrs);
        };
        Decision d = plane.evaluate(request, context);
        if (d instanceof Decision.Deny || d instanceof Decision.Failure) {
            throw new IllegalStateException("benchmark set-up is wrong: " + d);
        }
    }

    @Benchmark
    public Decision evaluate() {
        return plane.evaluate(request, context);
    }
}
