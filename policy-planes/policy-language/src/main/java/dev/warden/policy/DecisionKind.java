package dev.warden.policy;

import java.util.Locale;

/** The decision a rule produces when its condition holds, as spelled in YAML ({@code require_approval}…). */
public enum DecisionKind {
    ALLOW,
    DENY,
    REQUIRE_APPROVAL,
    /** {@code confirm}: the requester confirms this exact call (see {@code Decision.RequireConfirmation}). */
    CONFIRM,
    TRANSFORM,
    /**
     * {@code declassify}: a grant, not a decision — the requester may lower the listed labels of what this egress
     * sends, by confirming the exact call (decision 0039). Only {@code plane: data-flow} at {@code TOOL_CALL}; the
     * data-flow plane asks for such grants when a flow exceeds a sink's clearance. Evaluated as a decision it allows.
     */
    DECLASSIFY;

    /**
     * Strength used for deny-overrides inside one priority level: deny beats approval beats confirmation beats
     * transform beats allow (the same order as the governor's combining of planes).
     */
    public int strength() {
        return switch (this) {
            case DENY -> 4;
            case REQUIRE_APPROVAL -> 3;
            case CONFIRM -> 2;
            case TRANSFORM -> 1;
            case ALLOW, DECLASSIFY -> 0;
        };
    }

    /** The YAML spelling, e.g. {@code require_approval}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the YAML spelling; {@code null} when unknown. */
    public static DecisionKind fromYaml(String value) {
        for (DecisionKind k : values()) {
            if (k.yamlName().equals(value)) {
                return k;
            }
        }
        return null;
    }
}
