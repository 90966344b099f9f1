package dev.warden.quarkus.mcp.upstream;

import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Risk;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.mcp.InMemoryToolPinStore;
import dev.warden.mcp.McpGuardPlane;
import dev.warden.mcp.McpServerPolicy;
import dev.warden.mcp.McpToolPolicy;
import dev.warden.mcp.McpToolSource;
import dev.warden.quarkus.AgentToolContributor;
import dev.warden.quarkus.WardenAgent;
import dev.warden.spi.PolicyPlane;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The README's recipe for putting Warden in front of an existing MCP server inside a Quarkus service: the server's
 * approved tools are added to the {@code bank-desk} agent by an {@link AgentToolContributor}, and
 * {@link McpGuardPlane} is produced as a {@link PolicyPlane} bean; the gateway then serves that agent's tools at
 * {@code /mcp}. Active only in the test profile that starts the upstream server ({@value #ENABLED}).
 */
@Singleton
@IfBuildProperty(name = BankUpstream.ENABLED, stringValue = "true")
public class BankUpstream {
    /** Build property that switches the upstream beans on. */
    public static final String ENABLED = "test.upstream-bank.enabled";
    /** Agent the upstream tools are added to. */
    public static final String AGENT = "bank-desk";

    /** The operator's description of the upstream server: Warden never takes effects or labels from the server. */
    static final McpServerPolicy POLICY = McpServerPolicy.builder("bank")
            .tool("get_balance", McpToolPolicy.of(Effect.READ))
            .tool("exchange_rate", McpToolPolicy.of(Effect.READ))
            .tool("transfer", McpToolPolicy.of(Effect.FINANCIAL, Effect.WRITE).risk(Risk.MEDIUM)
                    .sinkClearance(Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL")
                            .withIntegrity(Integrity.UNTRUSTED)))
            .build();

    private final McpClient client;
    private final McpToolSource source;

    BankUpstream(@ConfigProperty(name = UpstreamBankResource.URL_KEY) String url) {
        client = new DefaultMcpClient.Builder().key("upstream-bank").cacheToolList(false)
                .transport(new StreamableHttpMcpTransport.Builder().url(url).timeout(Duration.ofSeconds(20)).build())
                .build();
        source = McpToolSource.connect(client, POLICY, new InMemoryToolPinStore(), Clock.systemUTC());
        source.approveAll("security-officer"); // in production: a human reviews source.review() first
    }

    McpToolSource source() {
        return source;
    }

    @PreDestroy
    void close() throws Exception {
        client.close();
    }

    /** Adds the upstream server's approved tools to {@link #AGENT}. */
    @Singleton
    @IfBuildProperty(name = ENABLED, stringValue = "true")
    public static class Tools implements AgentToolContributor {
        private final BankUpstream upstream;

        Tools(BankUpstream upstream) {
            this.upstream = upstream;
        }

        @Override
        public void contribute(String agentId, ToolRegistry.Builder tools) {
            if (AGENT.equals(agentId)) {
                upstream.source().registerInto(tools);
            }
        }
    }

    /** Produces the guard plane that re-checks each upstream tool against its pin at every call. */
    @Singleton
    @IfBuildProperty(name = ENABLED, stringValue = "true")
    public static class Planes {
        @Produces
        @Singleton
        PolicyPlane mcpGuard(BankUpstream upstream) {
            return McpGuardPlane.of(upstream.source());
        }
    }

    /** The agent whose tools — here only the upstream server's — MCP clients may call. */
    @WardenAgent(id = AGENT, description = "Bank desk in front of an existing MCP server", policies = "gateway")
    public static class BankDesk {}
}
