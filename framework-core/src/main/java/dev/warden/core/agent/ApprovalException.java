package dev.warden.core.agent;

/** An approval could not be applied. {@link #code()} is stable and maps to an HTTP problem type. */
public final class ApprovalException extends RuntimeException {
    public static final String UNKNOWN = "WARDEN-APR-0001";
    public static final String ALREADY_RESOLVED = "WARDEN-APR-0002";
    public static final String SELF_APPROVAL = "WARDEN-APR-0003";
    public static final String NOT_AUTHORIZED = "WARDEN-APR-0004";
    public static final String WRONG_AGENT = "WARDEN-APR-0005";

    private final String code;

    public ApprovalException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
