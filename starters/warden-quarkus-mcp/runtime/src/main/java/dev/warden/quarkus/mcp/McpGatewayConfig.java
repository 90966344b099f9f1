package dev.warden.quarkus.mcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The MCP gateway of a Warden Quarkus service, under {@code warden.mcp.gateway.*}: which governed tools MCP clients
 * may call and as which agent identity the calls are governed.
 *
 * <pre>
 * warden.mcp.gateway.agent=crm-analyst                     # expose this @WardenAgent's tools
 * warden.mcp.gateway.tools=lookup_customer,draft_email      # optional allow-list
 * warden.mcp.gateway.identity=crm-mcp-gateway               # agent id policies and the audit see
 * </pre>
 */
@ConfigMapping(prefix = "warden.mcp.gateway")
public interface McpGatewayConfig {

    /** Register the governed tools with the MCP server at startup. */
    @WithDefault("true")
    boolean enabled();

    /** Id of the {@code @WardenAgent} whose tools are exposed; required while the gateway is enabled. */
    Optional<String> agent();

    /**
     * Allow-list of tool names; absent exposes every tool of the agent. A name the agent does not have stops the
     * application at startup.
     */
    Optional<List<String>> tools();

    /**
     * Agent id the calls are governed and audited as. Defaults to {@code <agent>-mcp-gateway}: distinct from the
     * agent's own id, so policies can tell MCP callers from the agent's runs (match {@code agent.id}).
     */
    Optional<String> identity();

    /** Version recorded with the gateway identity. */
    @WithDefault("1")
    String identityVersion();

    /**
     * Integrity of the context a call starts with: {@code untrusted} (default; Warden cannot see what the remote model
     * has read, so containment rules for untrusted context apply) or {@code trusted} (the operator vouches for every
     * caller's context).
     */
    @WithDefault("untrusted")
    String callerContext();

    /**
     * Most messages one JSON-RPC batch (a top-level array in one POST) may carry; a larger batch is refused whole with
     * 400 problem+json {@code WARDEN-MCP-0180} before any of its calls runs. MCP 2025-06-18 dropped batching, so
     * current clients send one message per request.
     */
    @WithDefault("10")
    int maxBatchSize();
}
