package dev.warden.mcp;

import java.time.Instant;
import java.util.Objects;

/**
 * A human's approval of one MCP tool exactly as it was described when reviewed.
 *
 * @param serverId the server policy's id
 * @param toolName the tool's name on the server
 * @param fingerprint digests of the approved description and input schema
 * @param approvedBy who approved
 * @param approvedAt when
 */
public record ToolPin(String serverId, String toolName, ToolFingerprint fingerprint, String approvedBy,
        Instant approvedAt) {
    public ToolPin {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    /** Key of the pin in a store: {@code serverId/toolName}. */
    public String key() {
        return key(serverId, toolName);
    }

    static String key(String serverId, String toolName) {
        return serverId + "/" + toolName;
    }
}
