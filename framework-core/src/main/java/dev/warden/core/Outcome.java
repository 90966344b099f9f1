package dev.warden.core;

/** The combined result of a checkpoint, in the order of precedence used by the {@link Governor}. */
public enum Outcome {
    /** Proceed unchanged. */
    ALLOW("allow"),
    /** Proceed with a transformed payload. */
    TRANSFORM("modify"),
    /** Suspend until the requester confirms this exact call. */
    REQUIRE_CONFIRMATION("escalate"),
    /** Suspend until a human approves. */
    REQUIRE_APPROVAL("escalate"),
    /** A plane denied. */
    DENY("deny"),
    /** A plane failed (error or time-out); blocked because Warden fails closed. */
    ERROR("deny");

    private final String verdictType;

    Outcome(String verdictType) {
        this.verdictType = verdictType;
    }

    /**
     * A generic verdict: allow, deny, modify or escalate (an older guardrail draft's {@code verdict.type}; spans now
     * carry the outcome itself, see {@code docs/telemetry-conventions.md}).
     */
    public String verdictType() {
        return verdictType;
    }

    /** Whether the attempted action may go ahead (possibly transformed). */
    public boolean proceeds() {
        return this == ALLOW || this == TRANSFORM;
    }
}
