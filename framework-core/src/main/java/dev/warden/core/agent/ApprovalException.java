package dev.warden.core.agent;

/** An approval could not be applied. {@link #code()} is stable and maps to an HTTP problem type. */
public final class ApprovalException extends RuntimeException {
    public static final String UNKNOWN = "WARDEN-APR-0001";
    public static final String ALREADY_RESOLVED = "WARDEN-APR-0002";
    public static final String SELF_APPROVAL = "WARDEN-APR-0003";
    public static final String NOT_AUTHORIZED = "WARDEN-APR-0004";
    public static final String WRONG_AGENT = "WARDEN-APR-0005";
    /** The id names a confirmation (answered by the requester) where an approval was expected, or vice versa. */
    public static final String WRONG_KIND = "WARDEN-APR-0220";
    /** Only the requester may confirm or decline their own pending call. */
    public static final String NOT_REQUESTER = "WARDEN-APR-0221";
    /** The confirmation quoted a digest of other arguments than the pending call's: it stays pending. */
    public static final String ARGUMENTS_CHANGED = "WARDEN-APR-0222";
    /** A confirmation must quote the arguments digest it was shown. */
    public static final String DIGEST_REQUIRED = "WARDEN-APR-0223";

    private final String code;

    public ApprovalException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
