package dev.warden.mcp;

/** A server policy, pin file or gateway setup is malformed. Carries {@link McpCodes#BAD_CONFIGURATION}. */
public final class McpConfigurationException extends RuntimeException {
    public McpConfigurationException(String message) {
        super("[" + McpCodes.BAD_CONFIGURATION + "] " + message);
    }

    public McpConfigurationException(String message, Throwable cause) {
        super("[" + McpCodes.BAD_CONFIGURATION + "] " + message, cause);
    }

    public String code() {
        return McpCodes.BAD_CONFIGURATION;
    }
}
