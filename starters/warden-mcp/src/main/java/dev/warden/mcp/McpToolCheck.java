package dev.warden.mcp;

/**
 * The result of verifying an MCP tool against its pin just before a call.
 *
 * @param allowed whether the live tool matches what was approved and what the model was shown
 * @param code stable {@link McpCodes} code when blocked, else {@code null}
 * @param reason human-readable explanation when blocked, else {@code null}
 */
public record McpToolCheck(boolean allowed, String code, String reason) {
    static final McpToolCheck OK = new McpToolCheck(true, null, null);

    static McpToolCheck blocked(String code, String reason) {
        return new McpToolCheck(false, code, reason);
    }
}
