package dev.warden.mcp;

/**
 * Registry of the stable codes of the MCP module. A code never changes meaning once released; a new situation gets a
 * new code.
 */
public final class McpCodes {
    private McpCodes() {}

    /** The tool's description or input schema differs from the approved pin ("rug pull"): blocked until re-approved. */
    public static final String TOOL_CHANGED = "WARDEN-MCP-0001";
    /** The tool has no approved pin: nobody has reviewed its description and schema. */
    public static final String TOOL_NOT_APPROVED = "WARDEN-MCP-0002";
    /** The server no longer lists the tool. */
    public static final String TOOL_WITHDRAWN = "WARDEN-MCP-0003";
    /** The server policy does not describe the tool and says undescribed tools are refused. */
    public static final String TOOL_UNDESCRIBED = "WARDEN-MCP-0004";
    /** The server could not be asked for its tool list while verifying a call: fail closed. */
    public static final String SERVER_UNAVAILABLE = "WARDEN-MCP-0005";
    /** A tool description failed the approval screen (hidden characters, instruction-like text, too long). */
    public static final String DESCRIPTION_SUSPICIOUS = "WARDEN-MCP-0006";
    /** Gateway: the MCP request carried no valid bearer token. */
    public static final String GATEWAY_UNAUTHENTICATED = "WARDEN-MCP-0007";
    /** Gateway: the call needs a human approval; it is pending and was not run. */
    public static final String GATEWAY_APPROVAL_PENDING = "WARDEN-MCP-0008";
    /** Gateway: the call needs the caller's own confirmation; it is pending and was not run. */
    public static final String GATEWAY_CONFIRMATION_PENDING = "WARDEN-MCP-0220";
    /**
     * Gateway: a {@code tools/call} sent as a JSON-RPC notification (no {@code id}, or {@code id: null}) was refused
     * before the MCP server read it, not run and audited: no answer could carry its result (decision 0066).
     */
    public static final String GATEWAY_CALL_WITHOUT_ID = "WARDEN-MCP-0010";
    /** Gateway: the request body is larger than the gateway reads; nothing of it was processed. */
    public static final String GATEWAY_BODY_TOO_LARGE = "WARDEN-MCP-0011";
    /**
     * Gateway (plain servlet): the request body declares a charset other than UTF-8, or is not JSON; the gateway
     * cannot screen what the server would read, so nothing was processed.
     */
    public static final String GATEWAY_BODY_UNREADABLE = "WARDEN-MCP-0012";
    /** A server policy or pin file is malformed. */
    public static final String BAD_CONFIGURATION = "WARDEN-MCP-0009";
    /** A JSON-RPC batch larger than the gateway's limit was refused whole. */
    public static final String BATCH_TOO_LARGE = "WARDEN-MCP-0180";
    /** The {@code Mcp-Session-Id} is unknown, expired or belongs to another principal (answered alike). */
    public static final String SESSION_UNKNOWN = "WARDEN-MCP-0181";
    /** The caller is authenticated but the endpoint's authorization policy refuses them. */
    public static final String GATEWAY_FORBIDDEN = "WARDEN-MCP-0182";
}
