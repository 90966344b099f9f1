package dev.warden.quarkus.mcp.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.warden.mcp.McpCodes;
import dev.warden.mcp.McpGuardPlane;
import dev.warden.quarkus.mcp.GatewayClients;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Warden in front of an existing MCP server, inside a Quarkus service (the README's recipe): MCP client → the
 * service's {@code /mcp} gateway (bearer token, policies, approvals, pins, audit) → a real upstream MCP server (MCP SDK
 * 2.1.0 over streamable HTTP, {@link UpstreamBankServer}), whose approved tools {@link BankUpstream} adds to an agent.
 */
@QuarkusTest
@TestProfile(McpUpstreamProxyTest.Proxy.class)
@WithTestResource(UpstreamBankResource.class)
class McpUpstreamProxyTest {
    public static class Proxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(BankUpstream.ENABLED, "true",
                    "warden.mcp.gateway.agent", BankUpstream.AGENT,
                    "warden.mcp.gateway.identity", "bank-mcp",
                    "warden.mcp.gateway.tools", "bank__get_balance,bank__transfer,bank__exchange_rate",
                    // the operator vouches for the callers' context; each session is tainted by untrusted results
                    "warden.mcp.gateway.caller-context", "trusted");
        }
    }

    @TestHTTPResource("/mcp")
    URL mcp;

    static String token(String user) {
        return GatewayClients.token(user);
    }

    McpClient gateway(String user) {
        return GatewayClients.client(mcp, user);
    }

    /** What really ran on the upstream server, asked directly (its {@code activity} tool is hidden by the gateway). */
    static List<String> upstreamActivity() throws Exception {
        String url = ConfigProvider.getConfig().getValue(UpstreamBankResource.URL_KEY, String.class);
        try (McpClient direct = new DefaultMcpClient.Builder().key("direct").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(url).build()).build()) {
            String text = call(direct, "activity", "{}");
            return text.isBlank() ? List.of() : List.of(text.split("\n"));
        }
    }

    static String call(McpClient client, String tool, String args) {
        return GatewayClients.call(client, tool, args);
    }

    static List<Map<String, Object>> audit(Instant from) {
        return GatewayClients.audit("bank-mcp", from);
    }

    @Test
    void an_allowed_read_reaches_the_upstream_server_and_its_result_is_labelled_untrusted() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        try (McpClient alice = gateway("alice")) {
            assertThat(alice.listTools()).extracting(ToolSpecification::name)
                    .containsExactlyInAnyOrder("bank__get_balance", "bank__transfer", "bank__exchange_rate");
            assertThat(call(alice, "bank__get_balance", "{}")).isEqualTo("Balance: 1200.00 EUR");
        }
        assertThat(upstreamActivity()).containsOnlyOnce("get_balance");
        List<Map<String, Object>> records = audit(from);
        assertThat(records).filteredOn(r -> "bank__get_balance".equals(r.get("tool"))
                && "TOOL_CALL".equals(r.get("checkpoint"))).singleElement().satisfies(r -> {
                    assertThat(r.get("userId")).isEqualTo("alice");
                    assertThat(r.get("outcome")).isEqualTo("ALLOW");
                });
        assertThat(records).filteredOn(r -> "bank__get_balance".equals(r.get("tool"))
                && "TOOL_RESULT".equals(r.get("checkpoint"))).singleElement()
                .satisfies(r -> assertThat(String.valueOf(r.get("labelsAfter"))).contains("UNTRUSTED"));
    }

    @Test
    void a_transfer_needs_a_managers_approval_and_then_runs_upstream_exactly_once() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        String args = "{\"iban\":\"DE89370400440532013000\",\"amount\":250}";
        try (McpClient alice = gateway("alice"); McpClient aliceLater = gateway("alice")) {
            String refused = call(alice, "bank__transfer", args);
            assertThat(refused).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
            String id = approvalId(refused);
            assertThat(upstreamActivity()).noneMatch(a -> a.startsWith("transfer:"));

            decide("alice", id).statusCode(403);
            decide("bob", id).statusCode(200).body("status", Matchers.equalTo("APPROVED"));
            assertThat(call(alice, "bank__transfer", args)).contains("Transferred 250 EUR to DE89370400440532013000");
            // the grant is spent: a new session needs a new approval...
            assertThat(call(aliceLater, "bank__transfer", args)).contains(McpCodes.GATEWAY_APPROVAL_PENDING);
            // ...and the first session has now read the upstream's UNTRUSTED result, so its money moves are refused
            assertThat(call(alice, "bank__transfer", args)).startsWith("error:").contains("WARDEN-DF");
        }
        assertThat(upstreamActivity()).filteredOn(a -> a.startsWith("transfer:")).hasSize(1);
        List<Map<String, Object>> calls = audit(from).stream().filter(r -> "bank__transfer".equals(r.get("tool"))
                && "TOOL_CALL".equals(r.get("checkpoint"))).toList();
        assertThat(calls).extracting(r -> r.get("userId") + ":" + r.get("outcome"))
                .containsExactly("alice:REQUIRE_APPROVAL", "alice:ALLOW", "alice:REQUIRE_APPROVAL", "alice:DENY");
        assertThat(String.valueOf(calls.get(1).get("reason"))).contains("approved by bob");
    }

    @Test
    void an_upstream_tool_whose_description_changes_after_approval_is_blocked() throws Exception {
        Instant from = Instant.now().minusMillis(1);
        try (McpClient alice = gateway("alice")) {
            assertThat(call(alice, "bank__exchange_rate", "{\"currency\":\"USD\"}")).contains("quote #1");
            // the upstream server has now replaced the description with a poisoned one (a rug pull)
            assertThat(call(alice, "bank__exchange_rate", "{\"currency\":\"USD\"}"))
                    .contains(McpCodes.TOOL_CHANGED).doesNotContain("quote #2");
        }
        assertThat(upstreamActivity()).filteredOn(a -> a.startsWith("exchange_rate:")).containsExactly("exchange_rate:1");
        List<Map<String, Object>> calls = audit(from).stream().filter(r -> "bank__exchange_rate".equals(r.get("tool"))
                && "TOOL_CALL".equals(r.get("checkpoint"))).toList();
        assertThat(calls).extracting(r -> r.get("outcome") + ":" + r.get("code"))
                .containsExactly("ALLOW:null", "DENY:" + McpCodes.TOOL_CHANGED);
        // refused by the McpGuardPlane bean at the checkpoint, not only by the executor's last-moment re-check
        assertThat(calls).extracting(r -> guardDecision(r)).containsExactly("ALLOW", "DENY");
    }

    /** The McpGuardPlane's decision in an audit record, or {@code null} if it was not consulted. */
    @SuppressWarnings("unchecked")
    static String guardDecision(Map<String, Object> record) {
        return ((List<Map<String, Object>>) record.getOrDefault("planes", List.of())).stream()
                .filter(p -> McpGuardPlane.NAME.equals(p.get("plane"))).map(p -> String.valueOf(p.get("decision")))
                .findFirst().orElse(null);
    }

    static io.restassured.response.ValidatableResponse decide(String user, String id) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "comment", "ok")).post("/v1/approvals/" + id + "/decision").then();
    }

    static String approvalId(String refusal) {
        Matcher m = Pattern.compile("approval (\\S+) is pending").matcher(refusal);
        assertThat(m.find()).as(refusal).isTrue();
        return m.group(1);
    }
}
