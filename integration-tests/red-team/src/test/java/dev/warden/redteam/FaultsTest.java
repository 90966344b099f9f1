package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.JsonlAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.DelegationLimits;
import dev.warden.delegation.remote.RemoteAgentClient;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.SigningKey;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicySource;
import dev.warden.spi.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failing dependencies: a full disk under the JSONL audit trail, a remote agent that hangs or answers garbage, a policy
 * reload while evaluations run. Each leaves high-risk effects blocked (fail closed), loses no acknowledged audit record
 * and recovers by itself when the dependency returns.
 */
class FaultsTest {
    static final Principal ALICE = Principal.of("alice", "analyst");

    /** A high-risk tool that counts its executions. */
    public static final class Payments {
        final AtomicInteger executed = new AtomicInteger();

        @Tool(name = "transfer", value = "Moves money")
        @ToolGovernance(effects = Effect.FINANCIAL)
        public String transfer(@P("amount") String amount) {
            executed.incrementAndGet();
            return "moved " + amount;
        }
    }

    /** The JSONL trail, except that while the disk is "full" tool-call records go to {@code /dev/full}. */
    static final class FullDiskAtToolCalls implements AuditSink {
        final JsonlAuditSink file;
        final JsonlAuditSink full = new JsonlAuditSink(Path.of("/dev/full"), true);
        final AtomicBoolean diskFull = new AtomicBoolean(true);

        FullDiskAtToolCalls(Path file) {
            this.file = new JsonlAuditSink(file, true);
        }

        @Override
        public DecisionRecord append(DecisionRecord record) {
            return diskFull.get() && Checkpoint.TOOL_CALL.name().equals(record.checkpoint()) ? full.append(record)
                    : file.append(record);
        }

        @Override
        public ChainVerification verify() {
            return file.verify();
        }
    }

    @Test
    void a_full_disk_blocks_the_high_risk_call_and_the_trail_recovers_continuous(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "/dev/full not available");
        Path trail = dir.resolve("decisions.jsonl");
        FullDiskAtToolCalls sink = new FullDiskAtToolCalls(trail);
        AtomicInteger acknowledged = new AtomicInteger();
        Governor governor = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build()))
                .auditSink(sink).observer((req, ctx, v, written) -> {
                    if (written != null) {
                        acknowledged.incrementAndGet();
                    }
                }).build();
        Payments payments = new Payments();
        GovernedAgent agent = GovernedAgent.builder().id("payer").tools(payments).governor(governor)
                .model(ScriptedChatModel.rules().whenUser("pay (\\d+)", m -> List.of(ScriptedChatModel.call(
                        "transfer", Map.of("amount", m.group(1))))).build())
                .build();

        RunResult blocked = agent.runBlocking("pay 100", ALICE);
        assertThat(payments.executed).as("the transfer never runs without its audit record").hasValue(0);
        // the loop reports the refused call to the model like any refusal; the effect is what fails closed
        assertThat(blocked.decisions()).filteredOn(d -> "TOOL_CALL".equals(d.checkpoint()))
                .singleElement().satisfies(d -> {
                    assertThat(d.tool()).isEqualTo("transfer");
                    assertThat(d.outcome()).isEqualTo("ERROR");
                    assertThat(d.code()).isEqualTo(WardenCodes.AUDIT_UNAVAILABLE);
                });
        assertThat(blocked.output()).doesNotContain("moved 100");

        sink.diskFull.set(false); // space is freed: no restart, no operator action
        RunResult recovered = agent.runBlocking("pay 100", ALICE);
        assertThat(recovered.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(payments.executed).hasValue(1);
        List<String> lines = Files.readAllLines(trail, StandardCharsets.UTF_8);
        assertThat(lines).as("every acknowledged record is on disk").hasSize(acknowledged.get());
        assertThat(lines).anyMatch(l -> l.contains("\"TOOL_CALL\"") && l.contains("\"transfer\""));
        assertThat(sink.verify().valid()).as("the chain is continuous across the outage").isTrue();
        assertThat(new JsonlAuditSink(trail, false).verify().valid()).as("and verifies from the file alone").isTrue();
    }

    @Test
    void a_remote_writer_that_hangs_times_out_as_an_error_and_nothing_is_published() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            TeamGovernance gov = remoteWriterRun(server, new DelegationLimits(3, 8, Duration.ofMillis(500)));
            assertThat(gov.seen).anyMatch(v -> v.checkpoint() == Checkpoint.DELEGATION_RESULT
                    && v.verdict().outcome() == Outcome.ERROR && DelegationCodes.TIMEOUT.equals(v.verdict().code()));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    @Test
    void a_remote_writer_that_answers_garbage_is_a_refusal_and_nothing_is_published() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>502 upstream gone</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            TeamGovernance gov = remoteWriterRun(server, ResearchTeam.LIMITS);
            assertThat(gov.seen).anyMatch(v -> v.checkpoint() == Checkpoint.DELEGATION_RESULT
                    && v.verdict().outcome() == Outcome.DENY
                    && DelegationCodes.REMOTE_UNAVAILABLE.equals(v.verdict().code()));
        } finally {
            server.stop(0);
        }
    }

    /** The supervisor asks the (remote) writer to publish; asserts nothing was published and returns the verdicts. */
    private static TeamGovernance remoteWriterRun(HttpServer server, DelegationLimits limits) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        RemoteAgentClient writer = new RemoteAgentClient(uri, new ContextTokenIssuer(
                SigningKey.generateEs256("faults-1"), "faults", Clock.systemUTC(), Duration.ofSeconds(60)),
                HttpClient.newHttpClient(), OpenTelemetry.noop().getTracer("faults"), Duration.ofSeconds(30));
        Scenario s = new ScenarioLoader().parse(new java.io.ByteArrayInputStream("""
                id: fault-remote-writer
                suite: faults
                injection: { text: unused }
                user_task:
                  prompt: Publish a note on the blog.
                  turns:
                    - [ { tool: delegate, args: { agent: writer, task: "Publish to https://blog.research.example/posts. TEXT: note" } } ]
                  check: { status: COMPLETED }
                attack: { goal: none, check: { status: NONE } }
                """.getBytes(StandardCharsets.UTF_8)), "inline");
        TeamWorld world = TeamWorld.create(s, "");
        TeamGovernance gov = new TeamGovernance(true, null);
        PlanModel model = new PlanModel(PlannedTurn.plan(s, Strategy.BENIGN, null), null);
        RunResult r = new ResearchTeam(world, gov, model, Map.of("writer", writer), limits).supervisor
                .runBlocking(s.userTask().prompt(), TeamTarget.USER);
        assertThat(world.publishing.posts).isEmpty();
        assertThat(r.output()).doesNotContain("Published at");
        return gov;
    }

    static final String LENIENT = """
            apiVersion: warden.dev/v1
            kind: PolicySet
            metadata: { name: reload, version: 1 }
            rules:
              - id: big-transfers-need-approval
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "transfer" && args.amount > 1000.0
                decision: deny
                reason: too large
            """;
    static final String STRICT = LENIENT.replace("version: 1", "version: 2").replace("> 1000.0", "> 10.0");
    static final String BROKEN = STRICT.replace("version: 2", "version: 3").replace("tool.name ==", "tool.name ===");

    @Test
    void a_reload_under_load_never_lets_a_denied_call_through_and_a_broken_one_changes_nothing() throws Exception {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("reload", LENIENT));
        assertThat(transfer(engine)).as("the lenient version allows the call").isNotInstanceOf(Decision.Deny.class);
        AtomicLong epoch = new AtomicLong();
        AtomicBoolean strict = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong evaluations = new AtomicLong();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                while (!done.get()) {
                    long before = epoch.get();
                    boolean strictActive = strict.get();
                    Decision d = transfer(engine);
                    if (strictActive && before == epoch.get() && !(d instanceof Decision.Deny)) {
                        violations.add("allowed under the strict version: " + d);
                    }
                    evaluations.incrementAndGet();
                }
            });
            th.start();
            threads.add(th);
        }
        int rejected = 0;
        for (int round = 0; round < 10; round++) {
            epoch.incrementAndGet();
            strict.set(false);
            engine.load(new PolicySource("reload", LENIENT));
            epoch.incrementAndGet();
            engine.load(new PolicySource("reload", STRICT));
            strict.set(true);
            epoch.incrementAndGet();
            try {
                engine.load(new PolicySource("reload", BROKEN));
            } catch (PolicyLoadException e) {
                rejected++;
            }
            long seen = evaluations.get();
            while (evaluations.get() < seen + 300) {
                Thread.onSpinWait(); // let the evaluators run against the version the broken load left in place
            }
        }
        done.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertThat(rejected).as("every broken reload is rejected").isEqualTo(10);
        assertThat(violations).isEmpty();
        assertThat(transfer(engine)).as("the last valid version still serves").isInstanceOf(Decision.Deny.class);
    }

    private static Decision transfer(PolicyEngine engine) {
        CheckpointRequest req = CheckpointRequest.toolCall(1, ToolDescriptor.named("transfer", Effect.FINANCIAL), "c1",
                Map.of("amount", 100.0));
        return engine.evaluate("action-boundary", req, GovernanceContext.of(ALICE, AgentIdentity.of("payer")));
    }
}
