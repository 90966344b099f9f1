package dev.warden.bench;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.model.ScriptedChatModel;
import dev.warden.core.telemetry.WardenTelemetry;
import java.util.List;
import java.util.Map;
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
 * One full agent step — user input → the model asks for one tool call → the tool runs → the model answers — through
 * {@link GovernedAgent#runBlocking} (7 checkpoints, 4 trivial allow planes each, hash-chained audit, no-op
 * telemetry) versus the same stateless {@link ScriptedChatModel} and the same {@link AccountTools} object through
 * {@link PlainToolLoop}. Both benchmarks run in the same JMH invocation so their ratio is meaningful.
 *
 * <p>{@code modelLatencyMicros} adds a parked (non-CPU) delay to every model call ({@link LatencyChatModel}); a step
 * makes two model calls. At 0 the ratio is the worst case — real hosted models take 100+ ms per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AgentStepBenchmark {
    static final String INPUT = "What is the balance of ACC-1042?";
    static final int CHECKPOINTS_PER_STEP = 7;

    @Param({"0", "1000"})
    public long modelLatencyMicros;

    private GovernedAgent governed;
    private PlainToolLoop plain;
    private Principal user;

    /** The model both loops talk to: asks for {@code get_balance} on a user message, then summarises the result. */
    static ScriptedChatModel scriptedModel() {
        return ScriptedChatModel.rules()
                .whenUser("balance of (ACC-\\d+)", m -> List.of(ScriptedChatModel.call(AccountTools.TOOL,
                        Map.of("accountId", m.group(1)))))
                .otherwise("I can only look up balances.")
                .build();
    }

    static Governor governor() {
        return Governor.builder()
                .planes(TrivialAllowPlane.many(4))
                .auditSink(BenchAuditSinks.named("hash-chain"))
                .telemetry(WardenTelemetry.noop())
                .build();
    }

    static GovernedAgent governedAgent(ChatModel model) {
        return GovernedAgent.builder().id("bench-agent").model(model).modelName("scripted").providerName("other")
                .tools(new AccountTools()).governor(governor()).build();
    }

    @Setup
    public void setUp() {
        ChatModel model = LatencyChatModel.wrap(scriptedModel(), modelLatencyMicros);
        governed = governedAgent(model);
        plain = new PlainToolLoop(model, new AccountTools(), 10);
        user = Principal.of("alice", "customer");
        RunResult r = governedStep();
        String p = plainStep();
        if (r.status() != RunStatus.COMPLETED || r.decisions().size() != CHECKPOINTS_PER_STEP
                || !r.output().equals(p) || !p.contains("1234.56")) {
            throw new IllegalStateException("the two loops do not do the same work: " + r + " vs " + p);
        }
    }

    @Benchmark
    public RunResult governedStep() {
        return governed.runBlocking(INPUT, user);
    }

    @Benchmark
    public String plainStep() {
        return plain.run(INPUT);
    }
}
