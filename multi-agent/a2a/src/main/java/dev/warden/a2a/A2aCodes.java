package dev.warden.a2a;

/**
 * Registry of the stable codes of the A2A module ({@code WARDEN-A2A-0680}…{@code 0699}). A code never changes meaning
 * once released. Refusals of the delegation rules themselves (cycle, depth, trust edge, context token) keep their
 * {@code WARDEN-DLG-xxxx} codes; these codes name what only happens across an A2A boundary.
 */
public final class A2aCodes {
    private A2aCodes() {}

    /** The remote agent's card has no pin: it was never approved, so nothing is sent to it. */
    public static final String CARD_NOT_PINNED = "WARDEN-A2A-0680";
    /** The remote agent's card differs from the pinned one (skills, description, URL, security…): refused until re-approved. */
    public static final String CARD_CHANGED = "WARDEN-A2A-0681";
    /** The remote agent's card could not be fetched or is not a valid A2A agent card. */
    public static final String CARD_UNAVAILABLE = "WARDEN-A2A-0682";
    /** The remote task ended {@code failed}, {@code rejected} or {@code canceled} without a Warden code of its own. */
    public static final String REMOTE_TASK_FAILED = "WARDEN-A2A-0683";
    /** The remote task stopped at {@code input-required} or {@code auth-required}: a delegation cannot answer it. */
    public static final String REMOTE_INPUT_REQUIRED = "WARDEN-A2A-0684";
    /** A2A server: no bearer token, or one the configured authentication does not accept (HTTP 401). */
    public static final String UNAUTHENTICATED = "WARDEN-A2A-0685";
    /** The remote A2A endpoint could not be reached or answered with something that is not A2A JSON-RPC. */
    public static final String REMOTE_UNREACHABLE = "WARDEN-A2A-0686";
    /** A2A server: the message carries no text part, or more text than the agent accepts. */
    public static final String BAD_MESSAGE = "WARDEN-A2A-0687";
    /** A2A server: a Warden context token was presented but this server verifies none (fail closed). */
    public static final String CONTEXT_NOT_ACCEPTED = "WARDEN-A2A-0688";
    /** A2A server: the governed run failed before it produced a result (an exception, not a verdict). */
    public static final String RUN_FAILED = "WARDEN-A2A-0689";
    /** A card pin was approved or replaced (the audit record of a re-pin). */
    public static final String CARD_PINNED = "WARDEN-A2A-0690";
    /** A2A server: the request body is not an A2A JSON-RPC request (answered as a JSON-RPC error). */
    public static final String BAD_REQUEST = "WARDEN-A2A-0691";
    /** The pinned card names an endpoint on another origin than the remote's configured base URL: nothing is sent. */
    public static final String CARD_URL_ELSEWHERE = "WARDEN-A2A-0692";

    /** Rule id recorded for card pin checks and re-pins. */
    public static final String RULE_CARD_PIN = "a2a.builtin.card-pin";
}
