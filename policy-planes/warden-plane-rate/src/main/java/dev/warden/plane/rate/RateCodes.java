package dev.warden.plane.rate;

/** Registry of the stable codes of the rate plane. A code never changes meaning once released. */
public final class RateCodes {
    private RateCodes() {}

    /** A rate limit would be exceeded by this call; the reason names the rule, the subject and the window. */
    public static final String RATE_EXCEEDED = "WARDEN-RATE-0430";
    /** The budget store could not answer (unreachable, full): the call is denied (fail closed). */
    public static final String STORE_UNAVAILABLE = "WARDEN-RATE-0431";
    /** A {@code rate-limit} obligation of a {@code plane: rate} rule is invalid; calls it matches are blocked. */
    public static final String INVALID_RATE_RULE = "WARDEN-RATE-0432";
    /** The request is malformed for its checkpoint (a tool call that names no tool). */
    public static final String MALFORMED_REQUEST = "WARDEN-RATE-0433";
}
