package dev.warden.quarkus.mcp;

/**
 * Stable codes of the Quarkus MCP gateway's startup checks. Calls refused at run time use the codes of
 * {@link dev.warden.mcp.McpCodes} ({@code WARDEN-MCP-0007} unauthenticated, {@code WARDEN-MCP-0008} approval pending).
 */
public final class McpGatewayCodes {
    /** {@code warden.mcp.gateway.agent} is missing or names no deployed {@code @WardenAgent}. */
    public static final String UNKNOWN_AGENT = "WARDEN-QMCP-0001";
    /** {@code warden.mcp.gateway.tools} names a tool the agent does not have. */
    public static final String UNKNOWN_TOOL = "WARDEN-QMCP-0002";
    /** {@code warden.mcp.gateway.caller-context} is neither {@code untrusted} nor {@code trusted}. */
    public static final String BAD_CALLER_CONTEXT = "WARDEN-QMCP-0003";
    /**
     * The MCP server serves an annotated tool method ({@code @io.quarkiverse.mcp.server.Tool}, or LangChain4j's
     * {@code @Tool} with {@code quarkus.mcp.server.support-langchain4j-annotations=true}) that Warden does not govern.
     */
    public static final String UNGOVERNED_TOOL = "WARDEN-QMCP-0004";

    private McpGatewayCodes() {}
}
