package dev.warden.a2a;

/**
 * Registry of the stable codes of the A2A module ({@code WARDEN-A2A-0680}…{@code 0699}, {@code 0750}…{@code 0755}). A code never changes meaning
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

    /**
     * A card pin was refused: the card the remote serves now is not the one the approver quoted (its digest differs
     * from the {@code sha256} they reviewed), so nothing is pinned (HTTP 409).
     */
    public static final String CARD_NOT_AS_REVIEWED = "WARDEN-A2A-0693";
    /** A card pin request does not quote the reviewed card's {@code sha256} (64 hex digits) or gives no reason (400). */
    public static final String PIN_REQUEST_INVALID = "WARDEN-A2A-0694";
    /** The remote's pin comes from configuration ({@code card-sha256}); it changes there, not through the API (409). */
    public static final String PINNED_BY_CONFIGURATION = "WARDEN-A2A-0695";
    /** A2A server: this caller already has as many tasks running as it may (per-caller bound). */
    public static final String TOO_MANY_TASKS = "WARDEN-A2A-0696";
    /** A2A server: the agent already runs as many A2A tasks as it may (global bound). */
    public static final String SERVER_BUSY = "WARDEN-A2A-0697";
    /** No agent of that id is served over A2A here (HTTP 404). */
    public static final String NOT_SERVED = "WARDEN-A2A-0698";
    /** The A2A delegate's worker pool and its queue are full: the delegation is refused, not queued without bound. */
    public static final String DELEGATE_BUSY = "WARDEN-A2A-0699";
    /**
     * At startup: a remote's configured {@code card-sha256} disagrees with the pin kept in the pins file (a card
     * re-approved through the API would otherwise revert silently at every boot).
     */
    public static final String PIN_CONFLICT = "WARDEN-A2A-0750";
    /**
     * A JSON-RPC request has the same key twice in one object ({@code "method"}, a message's {@code "text"}…): which
     * one a parser keeps is not defined, so the request is refused whole (JSON-RPC invalid request; decision 0056).
     */
    public static final String DUPLICATE_KEY = "WARDEN-A2A-0751";
    /**
     * A JSON-RPC request body holds a second JSON value after the request ({@code {…} {…}}): the server would act on
     * the first, a proxy or a log may read the other, so the body is refused whole (JSON-RPC invalid request; 0060).
     */
    public static final String TRAILING_VALUE = "WARDEN-A2A-0752";
    /**
     * A message's {@link A2aMetadata#ROOT_REQUEST} (the person's root request a Warden peer's delegation carries) is
     * not a string, or comes without a Warden context token to bind it: refused, no task (decision 0073).
     */
    public static final String BAD_ROOT_REQUEST = "WARDEN-A2A-0753";

    /** Rule id recorded for card pin checks and re-pins. */
    public static final String RULE_CARD_PIN = "a2a.builtin.card-pin";
}
