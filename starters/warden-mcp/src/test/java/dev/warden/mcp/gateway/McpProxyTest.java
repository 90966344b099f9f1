package dev.warden.mcp.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestClock;
import dev.warden.identity.JwtPrincipalVerifier;
import dev.warden.mcp.InMemoryToolPinStore;
import dev.warden.mcp.McpCodes;
import dev.warden.mcp.McpGuardPlane;
import dev.warden.mcp.McpServerPolicy;
import dev.warden.mcp.McpToolPolicy;
import dev.warden.mcp.McpToolSource;
import dev.warden.mcp.testserver.EmbeddedTomcat;
import dev.warden.mcp.testserver.HttpBankServer;
import dev.warden.core.Effect;
import java.time.Duration;
import java.util.Map;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Warden in front of an existing MCP server: MCP client → Warden gateway (identity, policies, pins, audit) → upstream
 * MCP server. The README's recipe, end to end.
 */
class McpProxyTest {
    final GatewayTokens tokens = new GatewayTokens();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    HttpBankServer upstream;
    McpClient toUpstream;
    McpGateway gateway;
    Tomcat tomcat;

    @BeforeEach
    void start() throws Exception {
        upstream = new HttpBankServer();
        toUpstream = new DefaultMcpClient.Builder().key("bank").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(upstream.url()).build()).build();
        McpToolSource bank = McpToolSource.connect(toUpstream, McpServerPolicy.builder("bank")
                .tool("get_balance", McpToolPolicy.of(Effect.READ))
                .tool("exchange_rate", McpToolPolicy.of(Effect.READ)).build(),
                new InMemoryToolPinStore(), TestClock.at("2026-11-25T10:00:00Z"));
        bank.approveAll("security-officer");
        gateway = McpGateway.builder().identity(AgentIdentity.of("bank-proxy")).tools(bank.toolRegistry())
                .governor(Governor.builder().plane(McpGuardPlane.of(bank)).auditSink(audit).build())
                .authenticator(JwtPrincipalVerifier.builder().issuer(GatewayTokens.ISSUER)
                        .audience(GatewayTokens.AUDIENCE).verificationKey(tokens.keys.getPublic()).build()::verify)
                .build();
        tomcat = EmbeddedTomcat.start(gateway.servlet(), "/mcp");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        tomcat.stop();
        tomcat.destroy();
        toUpstream.close();
        upstream.close();
    }

    @Test
    void clients_see_only_approved_described_tools_and_a_rug_pull_upstream_is_blocked_at_the_proxy() throws Exception {
        String url = "http://localhost:" + tomcat.getConnector().getLocalPort() + "/mcp";
        try (McpClient ide = new DefaultMcpClient.Builder().key("ide").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(url).timeout(Duration.ofSeconds(10))
                        .customHeaders(Map.of("Authorization", "Bearer " + tokens.token("alice", "customer")))
                        .build()).build()) {
            assertThat(ide.listTools()).extracting(ToolSpecification::name)
                    .containsExactlyInAnyOrder("bank__get_balance", "bank__exchange_rate");
            assertThat(McpGatewayTest.call(ide, "bank__get_balance", "{}")).contains("1200.00 EUR");
            assertThat(McpGatewayTest.call(ide, "bank__exchange_rate", "{\"currency\":\"USD\"}")).contains("quote #1");
            assertThat(McpGatewayTest.call(ide, "bank__exchange_rate", "{\"currency\":\"USD\"}"))
                    .contains(McpCodes.TOOL_CHANGED).doesNotContain("quote #2");
        }
        assertThat(audit.records()).anySatisfy(r -> {
            assertThat(r.userId()).isEqualTo("alice");
            assertThat(r.code()).isEqualTo(McpCodes.TOOL_CHANGED);
        });
    }
}
