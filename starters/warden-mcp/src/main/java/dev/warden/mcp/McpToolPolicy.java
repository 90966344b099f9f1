package dev.warden.mcp;

import dev.warden.core.Effect;
import dev.warden.core.Labels;
import dev.warden.core.Risk;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the operator declares about one tool of an MCP server. Nothing here comes from the server: a server's own
 * claims (its description, its MCP tool annotations) are untrusted and never set effects or labels.
 *
 * <pre>{@code
 * McpToolPolicy transfer = McpToolPolicy.of(Effect.FINANCIAL, Effect.WRITE).risk(Risk.CRITICAL)
 *         .sinkClearance(Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL").withIntegrity(Integrity.UNTRUSTED));
 * }</pre>
 *
 * @param effects what the tool does to the world
 * @param risk coarse risk class
 * @param sinkClearance the most sensitive labels the tool may receive, or {@code null} for the server's default
 * @param sourceLabels labels joined into the server's source labels on every result, or {@code null}
 * @param describedAs an operator-written description shown to the model instead of the server's, or {@code null}
 */
public record McpToolPolicy(Set<Effect> effects, Risk risk, Labels sinkClearance, Labels sourceLabels,
        String describedAs) {
    public McpToolPolicy {
        effects = effects == null || effects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(effects));
        risk = risk == null ? Risk.HIGH : risk;
    }

    /** A tool with the given effects, risk {@link Risk#LOW} unless changed. */
    public static McpToolPolicy of(Effect... effects) {
        return new McpToolPolicy(Set.of(effects), Risk.LOW, null, null, null);
    }

    public McpToolPolicy risk(Risk value) {
        return new McpToolPolicy(effects, value, sinkClearance, sourceLabels, describedAs);
    }

    public McpToolPolicy sinkClearance(Labels value) {
        return new McpToolPolicy(effects, risk, value, sourceLabels, describedAs);
    }

    public McpToolPolicy sourceLabels(Labels value) {
        return new McpToolPolicy(effects, risk, sinkClearance, value, describedAs);
    }

    public McpToolPolicy describedAs(String value) {
        return new McpToolPolicy(effects, risk, sinkClearance, sourceLabels, value);
    }
}
