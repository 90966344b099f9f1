package dev.warden.identity;

/**
 * Registry of the stable codes of the identity plane and the JWT principal verifier. A code never changes meaning
 * once released; a new situation gets a new code.
 */
public final class IdentityCodes {
    private IdentityCodes() {}

    // Plane decisions: 0001-0049

    /** The acting agent is declared for another tenant than the user's. */
    public static final String AGENT_TENANT_MISMATCH = "WARDEN-ID-0001";
    /** The tool is declared for another tenant than the user's. */
    public static final String TOOL_TENANT_MISMATCH = "WARDEN-ID-0002";
    /** A delegated call needs a scope that some hop of the delegation chain did not grant. */
    public static final String SCOPE_NOT_DELEGATED = "WARDEN-ID-0003";
    /** The request is malformed for its checkpoint (tool call without a tool, delegation without a target…). */
    public static final String MALFORMED_REQUEST = "WARDEN-ID-0004";

    // Codes of the shipped example policy policies/examples/crm-assistant-identity.yaml: 0100-0149

    /** Example policy: a contractor used the CRM assistant outside business hours. */
    public static final String EXAMPLE_CONTRACTOR_OUTSIDE_HOURS = "WARDEN-ID-0101";
    /** Example policy: reading the CRM or drafting e-mail without an analyst role. */
    public static final String EXAMPLE_NEEDS_ANALYST_ROLE = "WARDEN-ID-0102";
    /** Example policy: exporting reports without the vp-engineering role. */
    public static final String EXAMPLE_EXPORT_NEEDS_VP = "WARDEN-ID-0103";
    /** Example policy: exporting reports for a task not declared with purpose {@code reporting}. */
    public static final String EXAMPLE_EXPORT_WRONG_PURPOSE = "WARDEN-ID-0104";
    /** Example policy: a tool outside the CRM assistant's list. */
    public static final String EXAMPLE_TOOL_NOT_GRANTED = "WARDEN-ID-0105";

    // JWT verification: 0050-0099

    /** The token is not a compact JWS (wrong number of parts, bad base64, not JSON). */
    public static final String TOKEN_MALFORMED = "WARDEN-ID-0050";
    /** The token is unsigned ({@code alg: none}) or carries no signature. */
    public static final String TOKEN_UNSIGNED = "WARDEN-ID-0051";
    /** The token's algorithm is not one the verifier accepts (only RS256 and ES256 by default). */
    public static final String TOKEN_ALGORITHM_REJECTED = "WARDEN-ID-0052";
    /** The signature does not verify with the configured key or any matching JWKS key. */
    public static final String TOKEN_BAD_SIGNATURE = "WARDEN-ID-0053";
    /** The token has expired (beyond the allowed clock skew) or has no expiry. */
    public static final String TOKEN_EXPIRED = "WARDEN-ID-0054";
    /** The token is not valid yet ({@code nbf} or {@code iat} in the future beyond the skew). */
    public static final String TOKEN_NOT_YET_VALID = "WARDEN-ID-0055";
    /** The issuer ({@code iss}) is missing or not the expected one. */
    public static final String TOKEN_WRONG_ISSUER = "WARDEN-ID-0056";
    /** The audience ({@code aud}) is missing or does not contain the expected one. */
    public static final String TOKEN_WRONG_AUDIENCE = "WARDEN-ID-0057";
    /** The subject claim of the claim mapping is missing or blank. */
    public static final String TOKEN_NO_SUBJECT = "WARDEN-ID-0058";
    /** A mapped claim has the wrong shape (roles not a list of strings, tenant not a string…). */
    public static final String TOKEN_BAD_CLAIM = "WARDEN-ID-0059";
    /** No key of the JWKS document matches the token ({@code kid}/{@code alg}). */
    public static final String TOKEN_UNKNOWN_KEY = "WARDEN-ID-0060";
    /** The verifier's configuration is unusable (bad JWKS document, no key). Raised at build time. */
    public static final String VERIFIER_MISCONFIGURED = "WARDEN-ID-0061";
}
