package dev.warden.plane.rate;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import java.util.Locale;

/** What a rate limit counts per: one counter per distinct combination of the dimensions a rule names. */
public enum RateDimension {
    /** The tenant. */
    TENANT,
    /** The user ({@code tenant/userId}, so equal user ids of two tenants never share a counter). */
    USER,
    /** The acting agent's id. */
    AGENT,
    /** The tool called (at {@code TOOL_CALL}) or the delegation target (at {@code DELEGATION}). */
    TOOL,
    /** The run ({@code task.runId}). */
    RUN;

    /** The YAML spelling: {@code user}, {@code agent}… */
    public String yaml() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This dimension's value for a call; never {@code null}. */
    public String valueOf(CheckpointRequest request, GovernanceContext context) {
        String v = switch (this) {
            case TENANT -> context.tenant();
            case USER -> context.tenant() + "/" + context.user().id();
            case AGENT -> context.agent().id();
            case TOOL -> request.tool() != null ? request.tool().name() : request.target();
            case RUN -> context.runId();
        };
        return v == null ? "(none)" : v;
    }

    /** Parses the YAML spelling; {@code null} when unknown. */
    public static RateDimension fromYaml(String text) {
        for (RateDimension d : values()) {
            if (d.yaml().equals(text)) {
                return d;
            }
        }
        return null;
    }
}
