package dev.warden.mcp;

import java.util.List;

/**
 * What a human reviewer sees for one MCP tool before approving it.
 *
 * @param serverToolName the tool's name on the server
 * @param exposedName the name the model will see
 * @param description the server's description, verbatim (untrusted)
 * @param inputSchemaJson the input schema as canonical JSON
 * @param fingerprint digests that an approval pins
 * @param status whether it is approved, new, changed since approval, or hidden by policy
 * @param findings what the {@link DescriptionScreen} flagged
 */
public record ToolReview(String serverToolName, String exposedName, String description, String inputSchemaJson,
        ToolFingerprint fingerprint, Status status, List<String> findings) {
    /** Review state of a listed tool. */
    public enum Status { APPROVED, NEW, CHANGED, HIDDEN }

    public ToolReview {
        findings = List.copyOf(findings);
    }
}
