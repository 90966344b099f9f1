package dev.warden.mcp;

/**
 * Thrown by the MCP tool executor when the pre-execution verification fails (for instance a call approved by a human
 * whose tool changed while the approval was pending). The governed executor turns it into an error result; the tool
 * is not called.
 */
public final class McpToolBlockedException extends RuntimeException {
    private final String code;

    McpToolBlockedException(McpToolCheck check) {
        super("[" + check.code() + "] " + check.reason());
        this.code = check.code();
    }

    public String code() {
        return code;
    }
}
