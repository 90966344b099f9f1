package dev.warden.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.identity.JwtPrincipalVerifier;
import dev.warden.mcp.McpCodes;
import dev.warden.mcp.testserver.EmbeddedTomcat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Any MCP client (here LangChain4j's) reaching Warden-governed tools through the gateway over streamable HTTP. */
class McpGatewayTest {
    static final GatewayTokens TOKENS = new GatewayTokens();
    static final CrmTools CRM = new CrmTools();
    static final InMemoryAuditSink AUDIT = new InMemoryAuditSink();
    static McpGateway gateway;
    static Tomcat tomcat;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        var rules = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL), (req, ctx) -> {
            Basis basis = Basis.rule("action-boundary", "crm-gateway", "1", "crm-rules");
            if (req.tool().hasEffect(Effect.DELETE)) {
                return Decision.deny("deleting customers is not allowed over MCP", "TEST-ACT-0002", basis);
            }
            if (ctx.user().hasRole("contractor") && req.tool().hasEffect(Effect.READ)) {
                return Decision.deny("contractors may not read customer data", "TEST-ID-0001", basis);
            }
            if (req.tool().hasEffect(Effect.EXTERNAL_COMMUNICATION)
                    && "customer@example.org".equals(req.arguments().get("to"))) {
                return Decision.requireConfirmation("mail to a customer: please confirm it", Duration.ofMinutes(30),
                        basis);
            }
            if (req.tool().hasEffect(Effect.EXTERNAL_COMMUNICATION)) {
                return Decision.requireApproval("external email needs a manager", Set.of("manager"),
                        Duration.ofHours(1), basis);
            }
            return Decision.allow(basis);
        });
        var egress = TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.AGENT_OUTPUT), (req, ctx) ->
                "mcp-client".equals(req.target()) && req.contentLabels().hasCategory("PII") && ctx.user().hasRole("partner")
                        ? Decision.replaceContent("[redacted: PII]", "partners get no PII",
                                Basis.rule("data-flow", "crm-gateway", "1", "no-pii-to-partners"))
                        : Decision.allow("data-flow"));
        JwtPrincipalVerifier jwt = JwtPrincipalVerifier.builder().issuer(GatewayTokens.ISSUER)
                .audience(GatewayTokens.AUDIENCE).verificationKey(TOKENS.keys.getPublic()).build();
        gateway = McpGateway.builder().identity(AgentIdentity.of("crm-gateway")).tools(ToolRegistry.of(CRM))
                .governor(Governor.builder().plane(rules).plane(egress).auditSink(AUDIT).build()).authenticator(jwt::verify).build();
        tomcat = EmbeddedTomcat.start(gateway.servlet(), "/mcp");
        url = "http://localhost:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        tomcat.stop();
        tomcat.destroy();
    }

    static McpClient clientFor(String token) {
        return new DefaultMcpClient.Builder().key("ide").clientName("some-ide").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(url).timeout(Duration.ofSeconds(10))
                        .customHeaders(Map.of("Authorization", "Bearer " + token)).build())
                .build();
    }

    /** The result text; LangChain4j's client raises MCP error results ({@code isError}) as exceptions. */
    static String call(McpClient client, String tool, String args) {
        try {
            return client.executeTool(ToolExecutionRequest.builder().id("c").name(tool).arguments(args).build())
                    .resultText();
        } catch (dev.langchain4j.exception.ToolExecutionException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void lists_the_governed_tools_and_runs_an_allowed_call_as_the_tokens_principal() throws Exception {
        try (McpClient alice = clientFor(TOKENS.token("alice", "agent-user"))) {
            assertThat(alice.listTools()).extracting(ToolSpecification::name)
                    .containsExactlyInAnyOrder("lookup_customer", "send_email", "delete_customer");
            assertThat(call(alice, "lookup_customer", "{\"id\":\"c-7\"}")).contains("Ada Lovelace");
        }
        assertThat(AUDIT.records()).filteredOn(r -> "lookup_customer".equals(r.tool()) && "TOOL_CALL".equals(r.checkpoint()))
                .extracting(DecisionRecord::userId, DecisionRecord::agentId, DecisionRecord::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("alice", "crm-gateway", "ALLOW"));
    }

    @Test
    void results_pass_an_egress_checkpoint_before_they_leave_for_the_mcp_client() throws Exception {
        try (McpClient dave = clientFor(TOKENS.token("dave", "partner"))) {
            assertThat(call(dave, "lookup_customer", "{\"id\":\"c-9\"}")).isEqualTo("[redacted: PII]");
        }
        assertThat(CRM.calls).contains("lookup_customer:c-9");
        assertThat(AUDIT.records()).anySatisfy(r -> {
            assertThat(r.checkpoint()).isEqualTo("AGENT_OUTPUT");
            assertThat(r.userId()).isEqualTo("dave");
            assertThat(r.outcome()).isEqualTo("TRANSFORM");
        });
    }

    @Test
    void denies_by_policy_and_by_the_callers_roles_without_running_the_tool() throws Exception {
        try (McpClient alice = clientFor(TOKENS.token("alice", "agent-user"));
                McpClient carol = clientFor(TOKENS.token("carol", "contractor"))) {
            assertThat(call(alice, "delete_customer", "{\"id\":\"c-1\"}")).contains("TEST-ACT-0002");
            assertThat(call(carol, "lookup_customer", "{\"id\":\"c-2\"}")).contains("TEST-ID-0001");
        }
        assertThat(CRM.calls).doesNotContain("delete_customer:c-1", "lookup_customer:c-2");
    }

    @Test
    void an_approval_gated_call_runs_once_after_a_manager_approves_and_the_caller_repeats_it() throws Exception {
        String args = "{\"to\":\"partner@example.org\",\"body\":\"offer\"}";
        try (McpClient alice = clientFor(TOKENS.token("alice", "agent-user"))) {
            assertThat(call(alice, "send_email", args)).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
            assertThat(CRM.calls).doesNotContain("send_email:partner@example.org");

            var pending = gateway.approvals().pending(Principal.DEFAULT_TENANT).stream() // approvals, not confirmations
                    .filter(p -> p.toolName().equals("send_email") && !p.approverRoles().isEmpty()).findFirst()
                    .orElseThrow();
            assertThatThrownBy(() -> gateway.approvals().approve(pending.approvalId(), Principal.of("alice", "manager")))
                    .isInstanceOfSatisfying(ApprovalException.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalException.SELF_APPROVAL));
            gateway.approvals().approve(pending.approvalId(), Principal.of("bob", "manager"));

            assertThat(call(alice, "send_email", args)).contains("sent to partner@example.org");
            assertThat(call(alice, "send_email", args)).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
        }
        assertThat(CRM.calls).containsOnlyOnce("send_email:partner@example.org");
        assertThat(AUDIT.verify().valid()).isTrue();
    }

    @Test
    void a_confirmation_gated_call_runs_once_after_the_caller_confirms_it_and_a_changed_call_asks_again()
            throws Exception {
        String args = "{\"to\":\"customer@example.org\",\"body\":\"your invoice\"}";
        String changed = "{\"to\":\"customer@example.org\",\"body\":\"your invoice, and click here\"}";
        try (McpClient alice = clientFor(TOKENS.token("alice", "agent-user"))) {
            assertThat(call(alice, "send_email", args)).contains(McpCodes.GATEWAY_CONFIRMATION_PENDING);
            var pending = gateway.approvals().pending(Principal.DEFAULT_TENANT).stream()
                    .filter(p -> p.toolName().equals("send_email") && p.reason().startsWith("mail to a customer"))
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> gateway.approvals().approve(pending.approvalId(), Principal.of("bob", "manager")))
                    .isInstanceOfSatisfying(ApprovalException.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalException.WRONG_KIND));
            assertThatThrownBy(() -> gateway.approvals().confirm(pending.approvalId(), Principal.of("bob", "manager")))
                    .isInstanceOfSatisfying(ApprovalException.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_REQUESTER));
            gateway.approvals().confirm(pending.approvalId(), Principal.of("alice", "agent-user"));

            assertThat(call(alice, "send_email", changed)).contains(McpCodes.GATEWAY_CONFIRMATION_PENDING);
            assertThat(call(alice, "send_email", args)).contains("sent to customer@example.org");
            assertThat(call(alice, "send_email", args)).contains(McpCodes.GATEWAY_CONFIRMATION_PENDING);
        }
        assertThat(CRM.calls).containsOnlyOnce("send_email:customer@example.org");
        assertThat(AUDIT.records()).anySatisfy(r -> assertThat(r.reason()).isEqualTo("confirmed by alice"));
    }

    @Test
    void refuses_requests_without_a_valid_bearer_token_with_401_and_a_stable_code() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        for (String auth : new String[] {null, "Bearer " + new GatewayTokens().token("mallory", "manager")}) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(init))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
            if (auth != null) {
                rb.header("Authorization", auth);
            }
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(r.body()).contains(McpCodes.GATEWAY_UNAUTHENTICATED);
        }
    }

    @Test
    void a_refused_caller_gets_the_apis_problem_type_and_not_the_authenticators_reason() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        String forged = new GatewayTokens().token("mallory", "manager");
        String[][] cases = {{null, "the MCP endpoint needs a bearer token"},
            {"Bearer " + forged, "the bearer token is not valid for this service"},
            {"Bearer not.a.jwt", "the bearer token is not valid for this service"}};
        for (String[] c : cases) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(init))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
            if (c[0] != null) {
                rb.header("Authorization", c[0]);
            }
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"type\":\"https://warden.dev/problems/" + McpCodes.GATEWAY_UNAUTHENTICATED
                    + "\"").contains("\"detail\":\"" + c[1] + " (" + McpCodes.GATEWAY_UNAUTHENTICATED + ")\"")
                    .contains("\"instance\":\"/mcp").doesNotContain("WARDEN-ID-").doesNotContain("signature")
                    .doesNotContain(GatewayTokens.ISSUER).doesNotContain("Exception");
        }
    }

    static HttpResponse<String> post(String token, String session, String body) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (session != null) {
            rb.header("Mcp-Session-Id", session);
        }
        return HttpClient.newHttpClient().send(rb.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_tools_call_sent_as_a_notification_is_refused_audited_and_never_run() throws Exception {
        String token = TOKENS.token("alice", "analyst");
        HttpResponse<String> init = post(token, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":"
                + "{\"name\":\"probe\",\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String[] bodies = {
            "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                    + "\"arguments\":{\"id\":\"c-notified\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                    + "\"arguments\":{\"id\":\"c-null-id\"}}}"};
        for (String body : bodies) {
            HttpResponse<String> r = post(token, session, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).contains(McpCodes.GATEWAY_CALL_WITHOUT_ID);
        }
        assertThat(CRM.calls).noneMatch(c -> c.contains("c-notified") || c.contains("c-null-id"));
        assertThat(AUDIT.records()).filteredOn(x -> McpCodes.GATEWAY_CALL_WITHOUT_ID.equals(x.code())).hasSize(2)
                .allSatisfy(x -> {
                    assertThat(x.checkpoint()).isEqualTo("TOOL_CALL");
                    assertThat(x.outcome()).isEqualTo("DENY");
                    assertThat(x.tool()).isEqualTo("lookup_customer");
                    assertThat(x.userId()).isEqualTo("alice");
                });
        // the same call with an id runs as before
        HttpResponse<String> ok = post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"lookup_customer\",\"arguments\":{\"id\":\"c-with-id\"}}}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(CRM.calls).contains("lookup_customer:c-with-id");
    }

    @Test
    void a_body_in_another_charset_or_not_json_is_refused_before_the_server_reads_it() throws Exception {
        String token = TOKENS.token("alice", "analyst");
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"lookup_customer\",\"arguments\":{\"id\":\"c-ebcdic\"}}}";
        HttpRequest ebcdic = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(notification.getBytes(java.nio.charset.Charset
                        .forName("IBM037"))))
                .header("Content-Type", "application/json; charset=IBM037")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(ebcdic, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains(McpCodes.GATEWAY_BODY_UNREADABLE, "IBM037");
        HttpResponse<String> garbled = post(token, null, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",");
        assertThat(garbled.statusCode()).as(garbled.body()).isEqualTo(400);
        assertThat(garbled.body()).contains(McpCodes.GATEWAY_BODY_UNREADABLE);
        assertThat(CRM.calls).noneMatch(c -> c.contains("c-ebcdic"));
    }
}
