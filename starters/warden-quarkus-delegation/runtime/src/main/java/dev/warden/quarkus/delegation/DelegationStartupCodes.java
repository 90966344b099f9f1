package dev.warden.quarkus.delegation;

/**
 * Stable codes of this module's startup errors (the delegation codes themselves, {@code WARDEN-DLG-00xx}, live in
 * {@link dev.warden.delegation.DelegationCodes}). A code never changes meaning.
 */
public final class DelegationStartupCodes {
    private DelegationStartupCodes() {}

    /** {@code warden.delegation.edges} names an agent that is neither local nor configured as remote. */
    public static final String UNKNOWN_EDGE_AGENT = "WARDEN-QDLG-0001";
    /** The signing key file cannot be read or is not a private JWK with a kid. */
    public static final String BAD_SIGNING_KEY = "WARDEN-QDLG-0002";
    /** The inline trusted JWKS is not a JWKS document. */
    public static final String BAD_TRUSTED_KEYS = "WARDEN-QDLG-0003";
    /**
     * {@code warden.delegation.replay.*} names an unknown store, a {@code postgres} store without a JDBC datasource,
     * or a file whose directory cannot be created.
     */
    public static final String BAD_REPLAY_STORE = "WARDEN-QDLG-0160";
}
