package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.telemetry.GenAiConventions;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.telemetry.WardenTelemetry;
import dev.warden.core.testing.TestClock;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegateTool;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.DelegationLimits;
import dev.warden.delegation.DelegationOutcome;
import dev.warden.delegation.DelegationRequest;
import dev.warden.delegation.Delegator;
import dev.warden.delegation.TrustEdge;
import dev.warden.delegation.token.ActorHop;
import dev.warden.delegation.token.ContextClaims;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TaskBinding;
import dev.warden.delegation.token.TrustedKeys;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real HTTP services in one JVM, each with its own governor, agents and audit sink: svc-a hosts "planner", svc-b
 * hosts "analyst". Every refusal is asserted in both audit trails with the same stable code.
 */
class TwoServicesTest {
    static final TestClock CLOCK = TestClock.at("2025-06-01T10:00:00Z");
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    final HttpClient http = HttpClient.newHttpClient();
    final SigningKey keyA = SigningKey.generateEs256("svc-a-1");
    final SigningKey keyB = SigningKey.generateRs256("svc-b-1");
    WardenService a;
    WardenService b;
    URI uriA;
    URI uriB;
    GovernedAgent planner;
    AgentDirectory dirA;

    static final class Files {
        @Tool(name = "read_file", value = "Reads an internal file")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "HR")
        public String read(@P("name") String name) {
            return "file " + name + ": salary bands";
        }
    }

    @BeforeEach
    void start() throws Exception {
        WardenTelemetry telemetry = new WardenTelemetry(otel, false);
        a = new WardenService("svc-a");
        b = new WardenService("svc-b");
        uriA = a.bind();
        uriB = b.bind();
        // both services know both agents; edges both ways, so the cycle planner -> analyst -> planner is reachable
        AgentCard plannerCard = new AgentCard("planner", "1", "ops", "plans", "scripted", List.of(), List.of(),
                List.of(TrustEdge.of("planner", "analyst")), null);
        AgentCard analystCard = new AgentCard("analyst", "1", "ops", "analyses files", "scripted", List.of(),
                List.of(), List.of(TrustEdge.of("analyst", "planner")), null);
        dirA = AgentDirectory.builder().agent(plannerCard).agent(withEndpoint(analystCard, uriB)).build();
        AgentDirectory dirB = AgentDirectory.builder().agent(withEndpoint(plannerCard, uriA)).agent(analystCard)
                .build();

        ContextTokenIssuer issuerB = new ContextTokenIssuer(keyB, "svc-b", CLOCK, Duration.ofSeconds(60));
        DelegateTool toolB = new DelegateTool(new Delegator(dirB, Map.of("planner", new RemoteAgentClient(uriA,
                issuerB, http, telemetry.tracer(), Duration.ofSeconds(30))), DelegationLimits.DEFAULT),
                List.of("planner"));
        Governor govB = b.govern(toolB.wire(Governor.builder().telemetry(telemetry)));
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").governor(govB)
                .model(ScriptedChatModel.rules()
                        .whenUser("loop back", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "planner", "task", "plan again"))))
                        .whenUser("about (\\w+)", m -> List.of(ScriptedChatModel.call("read_file",
                                Map.of("name", m.group(1)))))
                        .build())
                .tools(toolB.register(ToolRegistry.builder().tools(new Files()), govB).build())
                .build();

        DelegateTool toolA = new DelegateTool(delegator(UnaryOperator.identity(), issuerA()), List.of("analyst"));
        Governor govA = a.govern(toolA.wire(Governor.builder().telemetry(telemetry)));
        planner = GovernedAgent.builder().id("planner").governor(govA)
                .model(ScriptedChatModel.rules().whenUser("ask analyst (.*)", m -> List.of(ScriptedChatModel.call(
                        "delegate", Map.of("agent", "analyst", "task", m.group(1))))).build())
                .tools(toolA.register(ToolRegistry.builder(), govA).build())
                .build();
        a.start(Map.of("planner", planner), dirA, ContextTokenVerifier.of(TrustedKeys.of(keyB), Set.of("svc-b"),
                CLOCK, 2));
        b.start(Map.of("analyst", analyst), dirB, ContextTokenVerifier.of(TrustedKeys.of(keyA), Set.of("svc-a"),
                CLOCK, 2));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    static AgentCard withEndpoint(AgentCard c, URI uri) {
        return new AgentCard(c.id(), c.version(), c.owner(), c.description(), c.model(), c.tools(), c.policySets(),
                c.trustEdges(), uri);
    }

    ContextTokenIssuer issuerA() {
        return new ContextTokenIssuer(keyA, "svc-a", CLOCK, Duration.ofSeconds(60));
    }

    Delegator delegator(UnaryOperator<ContextClaims> tamper, ContextTokenIssuer issuer) {
        return new Delegator(dirA, Map.of("analyst", new RemoteAgentClient(uriB, issuer, http,
                otel.getTracer("test"), Duration.ofSeconds(30), tamper)), DelegationLimits.DEFAULT);
    }

    /** Delegates planner -> analyst from svc-a through a client that may misbehave. */
    DelegationOutcome delegateFromA(UnaryOperator<ContextClaims> tamper, ContextTokenIssuer issuer) {
        GovernanceContext ctx = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("planner"))
                .withTask(TaskContext.of("run-" + UUID.randomUUID()));
        return delegator(tamper, issuer).delegate(a.governor, ctx, DelegationRequest.of("analyst", "about payroll"))
                .await().atMost(Duration.ofSeconds(60));
    }

    /** The refusal is audited on both sides with the same code. */
    void assertRefusedOnBothSides(DelegationOutcome out, String code) {
        assertThat(out.delivered()).isFalse();
        assertThat(out.code()).isEqualTo(code);
        assertThat(b.audit.records()).filteredOn(r -> r.checkpoint().equals("DELEGATION"))
                .as("receiver's audit").anySatisfy(r -> {
                    assertThat(r.outcome()).isEqualTo("DENY");
                    assertThat(r.code()).isEqualTo(code);
                });
        assertThat(a.audit.records()).filteredOn(r -> r.checkpoint().equals("DELEGATION_RESULT"))
                .as("caller's audit").anySatisfy(r -> {
                    assertThat(r.outcome()).isEqualTo("DENY");
                    assertThat(r.code()).isEqualTo(code);
                });
        assertThat(b.audit.records()).as("the analyst never ran").noneMatch(r -> r.checkpoint().equals("TOOL_CALL"));
    }

    @Test
    void one_trace_spans_both_services_and_labels_flow_back() {
        RunResult r = planner.runBlocking("ask analyst about payroll", Principal.of("alice", "ops"));

        assertThat(r.output()).contains("salary bands");
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(r.context().labels().categories()).contains("HR");
        List<SpanData> all = spans.getFinishedSpanItems();
        SpanData root = named(all, "invoke_agent planner");
        SpanData tool = named(all, "execute_tool delegate");
        // the caller's invoke_agent CLIENT span (GenAI conventions) and the remote run's own INTERNAL one
        SpanData client = all.stream().filter(s -> s.getName().equals("invoke_agent analyst")
                && s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        SpanData remote = all.stream().filter(s -> s.getName().equals("invoke_agent analyst")
                && s.getKind() == SpanKind.INTERNAL).findFirst().orElseThrow();
        assertThat(List.of(tool, client, remote)).extracting(SpanData::getTraceId).containsOnly(root.getTraceId());
        assertThat(tool.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(client.getParentSpanId()).isEqualTo(tool.getSpanId());
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(remote.getParentSpanId()).as("parented through traceparent").isEqualTo(client.getSpanId());

        DecisionRecord inbound = b.audit.records().stream().filter(x -> x.checkpoint().equals("DELEGATION"))
                .findFirst().orElseThrow();
        assertThat(inbound.outcome()).isEqualTo("ALLOW");
        assertThat(inbound.userId()).isEqualTo("alice");
        assertThat(inbound.agentId()).isEqualTo("planner");
        DecisionRecord readFile = b.audit.records().stream().filter(x -> "read_file".equals(x.tool())).findFirst()
                .orElseThrow();
        assertThat(readFile.chain()).containsExactly("planner");
        assertThat(readFile.traceId()).isEqualTo(root.getTraceId());
        assertThat(a.audit.records()).filteredOn(x -> x.checkpoint().equals("DELEGATION_RESULT")).singleElement()
                .satisfies(x -> assertThat(x.labelsAfter().level()).isEqualTo("CONFIDENTIAL"));
    }

    @Test
    void delegation_client_spans_carry_exactly_the_documented_attributes() {
        planner.runBlocking("ask analyst about payroll", Principal.of("alice", "ops"));
        SigningKey rogue = SigningKey.generateEs256("svc-a-1");
        delegateFromA(UnaryOperator.identity(), new ContextTokenIssuer(rogue, "svc-a", CLOCK, Duration.ofSeconds(60)));
        List<SpanData> clients = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT
                && "invoke_agent".equals(s.getAttributes().get(GenAiConventions.OPERATION_NAME))).toList();
        dev.warden.core.testing.ConventionsTable.load().assertExact("delegation",
                clients.stream().map(SpanData::getAttributes).toList());
        assertThat(clients).anySatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
            assertThat(s.getAttributes().get(GenAiConventions.ERROR_TYPE)).isEqualTo(DelegationCodes.TOKEN_SIGNATURE);
        });
    }

    @Test
    void forged_token_is_refused() {
        SigningKey rogue = SigningKey.generateEs256("svc-a-1"); // same kid, different key
        DelegationOutcome out = delegateFromA(UnaryOperator.identity(),
                new ContextTokenIssuer(rogue, "svc-a", CLOCK, Duration.ofSeconds(60)));
        assertRefusedOnBothSides(out, DelegationCodes.TOKEN_SIGNATURE);
    }

    @Test
    void expired_token_is_refused() {
        TestClock behind = TestClock.at("2025-06-01T09:50:00Z");
        DelegationOutcome out = delegateFromA(UnaryOperator.identity(),
                new ContextTokenIssuer(keyA, "svc-a", behind, Duration.ofSeconds(60)));
        assertRefusedOnBothSides(out, DelegationCodes.TOKEN_EXPIRED);
    }

    @Test
    void replayed_token_is_refused() {
        String jti = UUID.randomUUID().toString();
        UnaryOperator<ContextClaims> sameJti = c -> c.withJti(jti);
        assertThat(delegateFromA(sameJti, issuerA()).delivered()).isTrue();
        a.audit.clear();
        b.audit.clear();
        assertRefusedOnBothSides(delegateFromA(sameJti, issuerA()), DelegationCodes.TOKEN_REPLAYED);
    }

    @Test
    void captured_token_delivering_another_task_is_refused_on_both_sides() {
        // the token was issued for another task than the one sent with it (what a captured token re-sent with a new
        // body amounts to): refused before the analyst runs, audited on both sides
        DelegationOutcome out = delegateFromA(c -> c.withTaskDigest(TaskBinding.digest("analyst", "about the weather")),
                issuerA());
        assertRefusedOnBothSides(out, DelegationCodes.TOKEN_TASK_MISMATCH);
    }

    @Test
    void captured_token_with_a_task_asking_for_pii_is_refused_and_the_original_task_still_runs() throws Exception {
        GovernanceContext callee = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new Hop("planner", Set.of()));
        String token = issuerA().issue(callee, "about payroll");

        var stolen = post(token, "{\"agentId\":\"analyst\",\"task\":\"about employees home addresses\"}");
        assertThat(stolen.statusCode()).isEqualTo(401);
        assertThat(stolen.body()).contains(DelegationCodes.TOKEN_TASK_MISMATCH);
        assertThat(b.audit.records()).filteredOn(r -> r.checkpoint().equals("DELEGATION")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo("DENY");
                    assertThat(r.code()).isEqualTo(DelegationCodes.TOKEN_TASK_MISMATCH);
                });
        assertThat(b.audit.records()).noneMatch(r -> r.checkpoint().equals("TOOL_CALL"));

        var original = post(token, "{\"agentId\":\"analyst\",\"task\":\"about payroll\"}");
        assertThat(original.statusCode()).as("the refused attempt did not use up the token").isEqualTo(200);
        assertThat(original.body()).contains("salary bands");
    }

    @Test
    void token_from_an_issuer_the_receiver_does_not_accept_is_refused_even_with_a_trusted_key() {
        DelegationOutcome out = delegateFromA(UnaryOperator.identity(),
                new ContextTokenIssuer(keyA, "svc-x", CLOCK, Duration.ofSeconds(60)));
        assertRefusedOnBothSides(out, DelegationCodes.TOKEN_ISSUER);
    }

    @Test
    void widened_scopes_are_refused() {
        DelegationOutcome out = delegateFromA(c -> c.withChain(List.of(
                new ActorHop("gateway", Set.of("files:read"), null),
                new ActorHop("planner", Set.of("files:read", "files:write"), c.labels()))), issuerA());
        assertRefusedOnBothSides(out, DelegationCodes.SCOPE_WIDENED);
    }

    @Test
    void lowered_labels_are_refused() {
        Labels secret = Labels.of(Confidentiality.RESTRICTED, "HR");
        DelegationOutcome out = delegateFromA(c -> c.withChain(List.of(new ActorHop("planner", Set.of(), secret)))
                .withLabels(Labels.PUBLIC), issuerA());
        assertRefusedOnBothSides(out, DelegationCodes.LABELS_LOWERED);
    }

    @Test
    void chain_deeper_than_allowed_is_refused() {
        DelegationOutcome out = delegateFromA(c -> c.withChain(List.of(new ActorHop("x", Set.of(), null),
                new ActorHop("y", Set.of(), null), new ActorHop("planner", Set.of(), c.labels()))), issuerA());
        assertRefusedOnBothSides(out, DelegationCodes.DEPTH_EXCEEDED);
    }

    @Test
    void cycle_is_refused_by_the_receiver() {
        DelegationOutcome out = delegateFromA(c -> c.withChain(List.of(new ActorHop("analyst", Set.of(), null),
                new ActorHop("planner", Set.of(), c.labels()))), issuerA());
        assertRefusedOnBothSides(out, DelegationCodes.CYCLE);
    }

    @Test
    void cycle_planner_analyst_planner_is_refused_at_the_second_hop() {
        RunResult r = planner.runBlocking("ask analyst loop back", Principal.of("alice", "ops"));

        assertThat(b.audit.records()).filteredOn(x -> x.checkpoint().equals("DELEGATION") && "DENY".equals(
                x.outcome())).singleElement().satisfies(x -> {
                    assertThat(x.code()).isEqualTo(DelegationCodes.CYCLE);
                    assertThat(x.chain()).containsExactly("planner");
                });
        assertThat(a.audit.records()).as("planner never ran a second time").filteredOn(
                x -> x.checkpoint().equals("DELEGATION")).singleElement()
                .satisfies(x -> assertThat(x.outcome()).isEqualTo("ALLOW"));
        assertThat(r.output()).contains(DelegationCodes.CYCLE);
    }

    /** Authentication comes before the body is read: without a token, unknown agents and bad bodies are 401 too. */
    @Test
    void unknown_agent_and_bad_body_are_refused_with_codes() throws Exception {
        var req = java.net.http.HttpRequest.newBuilder(uriB.resolve(DelegationWire.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"agentId\":\"ghost\",\"task\":\"x\"}"))
                .build();
        var res = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains(DelegationCodes.TOKEN_MISSING);
        var bad = http.send(java.net.http.HttpRequest.newBuilder(uriB.resolve(DelegationWire.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[1]")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(401);
        var noToken = http.send(java.net.http.HttpRequest.newBuilder(uriB.resolve(DelegationWire.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"agentId\":\"analyst\",\"task\":\"x\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).contains(DelegationCodes.TOKEN_MISSING);
        assertThat(b.audit.records()).extracting(DecisionRecord::code).contains(DelegationCodes.TOKEN_MISSING);
    }

    /** Once the caller is authenticated, an unknown agent is a 404 and a malformed body a 400, each with its code. */
    @Test
    void authenticated_calls_for_an_unknown_agent_or_with_a_bad_body_are_refused_with_codes() throws Exception {
        GovernanceContext ghost = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("ghost"))
                .withHop(new Hop("planner", Set.of()));
        var unknown = post(issuerA().issue(ghost, "x"), "{\"agentId\":\"ghost\",\"task\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains(DelegationCodes.UNKNOWN_AGENT);
        GovernanceContext analyst = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new Hop("planner", Set.of()));
        var bad = post(issuerA().issue(analyst, "x"), "[1]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains(DelegationCodes.BAD_REQUEST);
        assertThat(b.audit.records()).extracting(DecisionRecord::code)
                .contains(DelegationCodes.UNKNOWN_AGENT, DelegationCodes.BAD_REQUEST);
    }

    java.net.http.HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(uriB.resolve(DelegationWire.PATH))
                .header("Authorization", DelegationWire.AUTH_SCHEME + " " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static SpanData named(List<SpanData> all, String name) {
        return all.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no span " + name + " in " + all.stream().map(SpanData::getName).toList()));
    }
}
