package dev.warden.bench;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.model.scripted.ScriptedChatModel;
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
 * {@link GovernedAgent#runBlocking} (7 checkpoints, 4 trivial allow planes each, no-op telemetry, audit sink
 * {@code hash-chain} or {@code noop} from {@link BenchAuditSinks}) versus the same stateless {@link ScriptedChatModel}
 * and the same {@link AccountTools} object through {@link PlainToolLoop}. Both benchmarks run in the same JMH
 * invocation so their ratio is meaningful; the audit parameter lives in {@link Governed} so the plain loop is not
 * measured twice.
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

    private ChatModel model;
    private PlainToolLoop plain;
    private Principal user;
    private String plainAnswer;

    /** The governed agent, with its own audit parameter. */
    @State(Scope.Benchmark)
    public static class Governed {
        @Param({"hash-chain", "noop"})
        public String audit;

        private GovernedAgent agent;

        @Setup
        public void setUp(AgentStepBenchmark bench) {
            agent = governedAgent(bench.model, audit);
            RunResult r = agent.runBlocking(INPUT, bench.user);
            if (r.status() != RunStatus.COMPLETED || r.decisions().size() != CHECKPOINTS_PER_STEP
                    || !r.output().equals(bench.plainAnswer)) {
                throw new IllegalStateException("the two loops do not do the same work: " + r + " vs "
                        + bench.plainAnswer);
            }
        }
    }

    /** The model both loops talk to: asks for {@code get_balance} on a user message, then summarises the result. */
    static ScriptedChatModel scriptedModel() {
        return ScriptedChatModel.rules()
                .whenUser("balance of (ACC-\\d+)", m -> List.of(ScriptedChatModel.call(AccountTools.TOOL,
                        Map.of("accountId", m.group(1)))))
                .otherwise("I can only look up balances.")
                .build();
    }

    static Governor governor(String audit) {
        return Governor.builder()
                .planes(TrivialAllowPlane.many(4))
                .auditSink(BenchAuditSinks.named(audit))
                .telemetry(WardenTelemetry.noop())
                .build();
    }

    static GovernedAgent governedAgent(ChatModel model, String audit) {
        return GovernedAgent.builder().id("bench-agent").model(model).modelName("scripted").providerName("other")
                .tools(new AccountTools()).governor(governor(audit)).build();
    }

    @Setup
    public void setUp() {
        model = LatencyChatModel.wrap(scriptedModel(), modelLatencyMicros);
        plain = new PlainToolLoop(model, new AccountTools(), 10);
        user = Principal.of("alice", "customer");
        plainAnswer = plainStep();
        if (!plainAnswer.contains("1234.56")) {
            throw new IllegalStateException("the plain loop did not run the tool: " + plainAnswer);
        }
    }

    @Benchmark
    public RunResult governedStep(Governed governed) {
        return governed.agent.runBlocking(INPUT, user);
    }

    @Benchmark
    public String plainStep() {
        return plain.run(INPUT);
    }
}
