package dev.warden.delegation;

/**
 * Registry of the stable codes of the delegation module. A code never changes meaning once released; a new situation
 * gets a new code. Remote refusals carry the same codes in the JSON response, so both sides of an HTTP delegation
 * report one code.
 */
public final class DelegationCodes {
    private DelegationCodes() {}

    /** The target agent is not in the directory (or not served by this service). */
    public static final String UNKNOWN_AGENT = "WARDEN-DLG-0001";
    /** The target agent is already in the delegation chain (or is the caller): cycles are refused. */
    public static final String CYCLE = "WARDEN-DLG-0002";
    /** The chain would exceed the maximum delegation depth. */
    public static final String DEPTH_EXCEEDED = "WARDEN-DLG-0003";
    /** The caller's run has used up its delegation fan-out. */
    public static final String FAN_OUT_EXCEEDED = "WARDEN-DLG-0004";
    /** No trust edge caller → target is declared (or not for this purpose). */
    public static final String UNTRUSTED_EDGE = "WARDEN-DLG-0005";
    /** The scopes requested and the scopes held have nothing in common: the callee would hold no right at all. */
    public static final String NO_COMMON_SCOPE = "WARDEN-DLG-0006";
    /** The delegated run did not answer within its time limit. */
    public static final String TIMEOUT = "WARDEN-DLG-0007";
    /** The delegated run failed or was refused by the callee's own policy. */
    public static final String CALLEE_FAILED = "WARDEN-DLG-0008";
    /** The delegate tool was reached without the caller's governance context (governor not wired): fail closed. */
    public static final String CONTEXT_UNAVAILABLE = "WARDEN-DLG-0009";
    /** The delegate call's arguments are malformed (no agent, no task). */
    public static final String MALFORMED_REQUEST = "WARDEN-DLG-0010";

    /** The context token is missing or not a compact JWS. */
    public static final String TOKEN_MISSING = "WARDEN-DLG-0020";
    /** The signature does not verify, the key id is unknown, or the algorithm is not allowed. */
    public static final String TOKEN_SIGNATURE = "WARDEN-DLG-0021";
    /** The token has expired (or is not yet valid, or lives longer than allowed). */
    public static final String TOKEN_EXPIRED = "WARDEN-DLG-0022";
    /** The token's audience is not the agent it is presented to. */
    public static final String TOKEN_AUDIENCE = "WARDEN-DLG-0023";
    /** The token's id (jti) was already used: replay. */
    public static final String TOKEN_REPLAYED = "WARDEN-DLG-0024";
    /** A hop grants scopes the hop before it did not hold: widening is refused. */
    public static final String SCOPE_WIDENED = "WARDEN-DLG-0025";
    /** The token's labels are lower than labels a previous hop declared: lowering is refused. */
    public static final String LABELS_LOWERED = "WARDEN-DLG-0026";
    /** A required claim is missing or malformed. */
    public static final String TOKEN_MALFORMED = "WARDEN-DLG-0027";

    /**
     * The token is bound to another task: the digest of the task it was issued for ({@code task_digest}) differs from
     * the digest of the task delivered with it, or the token carries no task digest.
     */
    public static final String TOKEN_TASK_MISMATCH = "WARDEN-DLG-0160";
    /**
     * The replay store could not be consulted (database down or slow, file unreadable): the token cannot be proven
     * unused, so it is refused (fail closed). HTTP 503.
     */
    public static final String REPLAY_STORE_UNAVAILABLE = "WARDEN-DLG-0161";
    /** The token's issuer ({@code iss}) is missing or not one this receiver accepts. */
    public static final String TOKEN_ISSUER = "WARDEN-DLG-0162";

    /** The HTTP request body is not the documented JSON. */
    public static final String BAD_REQUEST = "WARDEN-DLG-0040";
    /** The remote service could not be reached or answered with something that is not the documented JSON. */
    public static final String REMOTE_UNAVAILABLE = "WARDEN-DLG-0041";

    /** Rule ids recorded in decision bases. */
    public static final String RULE_LIMITS = "delegation.builtin.limits";
    public static final String RULE_TRUST_EDGE = "delegation.builtin.trust-edge";
    public static final String RULE_TOKEN = "delegation.builtin.context-token";
    public static final String RULE_RESULT_LABELS = "delegation.builtin.result-labels";
}
