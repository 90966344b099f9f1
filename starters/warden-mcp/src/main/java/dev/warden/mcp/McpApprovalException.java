package dev.warden.mcp;

/** An MCP tool could not be approved (unknown tool, or a description that failed the screen). */
public final class McpApprovalException extends RuntimeException {
    private final String code;

    McpApprovalException(String code, String message) {
        super("[" + code + "] " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
