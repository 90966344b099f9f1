package dev.warden.plane.external;

/**
 * Registry of the stable codes of the external decision plane. Every code but {@link #DENIED} is a failure: the PDP
 * did not give a usable answer, so the action is blocked (fail closed) and recorded as an error, not a deny.
 */
public final class PdpCodes {
    private PdpCodes() {}

    /** The policy decision point answered {@code "decision": false}. */
    public static final String DENIED = "WARDEN-PDP-0420";
    /** The PDP could not be reached (connection refused, reset, DNS…). */
    public static final String UNREACHABLE = "WARDEN-PDP-0421";
    /** The PDP did not answer within the plane's timeout. */
    public static final String TIMEOUT = "WARDEN-PDP-0422";
    /** The PDP answered with an HTTP status other than 200 (a 5xx, or a 4xx: the request or credentials are wrong). */
    public static final String ERROR_STATUS = "WARDEN-PDP-0423";
    /** The PDP's answer is not an AuthZEN evaluation response (not JSON, no boolean {@code decision}, too large). */
    public static final String MALFORMED_ANSWER = "WARDEN-PDP-0424";
    /** The request could not be put into an evaluation request (an argument JSON cannot represent). */
    public static final String UNENCODABLE_REQUEST = "WARDEN-PDP-0425";
    /** The request is malformed for its checkpoint (a tool call that names no tool): denied without asking. */
    public static final String MALFORMED_REQUEST = "WARDEN-PDP-0426";
}
