package dev.warden.quarkus.api;

/** Stable codes of REST API errors; one place, never renumbered. */
public final class ApiCodes {
    /** No bearer token, or it did not verify (signature, issuer, audience, expiry). */
    public static final String UNAUTHENTICATED = "WARDEN-API-0001";
    /** The caller lacks the role the endpoint needs. */
    public static final String FORBIDDEN = "WARDEN-API-0002";
    /** No agent with that id. */
    public static final String UNKNOWN_AGENT = "WARDEN-API-0003";
    /** The body is not valid JSON or misses a required field. */
    public static final String MALFORMED_BODY = "WARDEN-API-0004";
    /** The input is larger than the configured limit. */
    public static final String INPUT_TOO_LARGE = "WARDEN-API-0005";
    /** No run with that id visible to the caller. */
    public static final String UNKNOWN_RUN = "WARDEN-API-0006";
    /** A query parameter is malformed. */
    public static final String BAD_PARAMETER = "WARDEN-API-0007";
    /** The endpoint is disabled in this profile. */
    public static final String DISABLED = "WARDEN-API-0008";
    /** No such resource. */
    public static final String NOT_FOUND = "WARDEN-API-0009";
    /** Unexpected server-side failure (details in the log, correlated by trace id). */
    public static final String INTERNAL = "WARDEN-API-0010";
    /** The audit store cannot be read. */
    public static final String AUDIT_UNAVAILABLE = "WARDEN-API-0011";
    /** The endpoint exists but not for this HTTP method (405). */
    public static final String METHOD_NOT_ALLOWED = "WARDEN-API-0180";
    /** The endpoint cannot answer in any media type the {@code Accept} header allows (406). */
    public static final String NOT_ACCEPTABLE = "WARDEN-API-0181";
    /** The endpoint does not read the request's {@code Content-Type} (415). */
    public static final String UNSUPPORTED_MEDIA_TYPE = "WARDEN-API-0182";
    /** The request body is larger than {@code quarkus.http.limits.max-body-size} (413). */
    public static final String BODY_TOO_LARGE = "WARDEN-API-0183";
    /** Any other 4xx the HTTP layer raised (the status says which). */
    public static final String REQUEST_REJECTED = "WARDEN-API-0184";

    // Startup refusals of the token verification key (the service does not start; the message says the fix).
    /** Prod profile without any key to verify user tokens. */
    public static final String NO_VERIFICATION_KEY = "WARDEN-API-0120";
    /** Prod profile trusting a demo-only key or a development key whose private half is published. */
    public static final String DEV_KEY_IN_PROD = "WARDEN-API-0121";
    /** The configured verification key cannot be read or holds no public key (any profile). */
    public static final String VERIFICATION_KEY_UNREADABLE = "WARDEN-API-0122";

    /** The prod profile was started with the load harness's ungoverned baseline switch (see UngovernedBenchmark). */
    public static final String UNGOVERNED_IN_PROD = "WARDEN-API-0510";

    private ApiCodes() {}
    /** No pending confirmation with that id is visible to the caller (absent, or another user's). */
    public static final String UNKNOWN_CONFIRMATION = "WARDEN-API-0220";
    /** The confirmation quoted a digest of other arguments than the pending call's; it stays pending. */
    public static final String CONFIRMATION_ARGUMENTS_CHANGED = "WARDEN-API-0221";
}
