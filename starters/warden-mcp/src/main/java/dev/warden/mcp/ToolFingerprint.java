package dev.warden.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.warden.core.audit.CanonicalJson;
import java.util.Map;
import java.util.Objects;

/**
 * SHA-256 digests of what an MCP server says about a tool: its description and its input schema (canonical JSON, keys
 * sorted), kept apart so a block can say which of the two changed.
 *
 * <p>The schema is hashed as LangChain4j's MCP client presents it to the model; schema keywords the client drops never
 * reach the model and are not covered.
 *
 * @param descriptionSha256 hex digest of the description ({@code ""} when absent)
 * @param schemaSha256 hex digest of the canonical JSON of the input schema
 */
public record ToolFingerprint(String descriptionSha256, String schemaSha256) {
    public ToolFingerprint {
        Objects.requireNonNull(descriptionSha256, "descriptionSha256");
        Objects.requireNonNull(schemaSha256, "schemaSha256");
    }

    /** Fingerprint of a tool as listed by its server. */
    public static ToolFingerprint of(ToolSpecification spec) {
        String description = spec.description() == null ? "" : spec.description();
        Map<String, Object> schema = spec.parameters() == null ? Map.of()
                : JsonSchemaElementUtils.toMap(spec.parameters());
        return new ToolFingerprint(CanonicalJson.sha256Hex(description),
                CanonicalJson.sha256Hex(CanonicalJson.write(schema)));
    }

    /** What differs between an approved fingerprint ({@code this}) and a later one, for humans; empty if nothing. */
    public String differenceFrom(ToolFingerprint later) {
        boolean d = !descriptionSha256.equals(later.descriptionSha256);
        boolean s = !schemaSha256.equals(later.schemaSha256);
        return d && s ? "description and input schema" : d ? "description" : s ? "input schema" : "";
    }
}
