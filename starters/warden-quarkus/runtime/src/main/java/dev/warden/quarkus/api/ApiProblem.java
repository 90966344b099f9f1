package dev.warden.quarkus.api;

/**
 * An API error rendered as RFC 9457 problem+json: HTTP status, stable code (see {@link ApiCodes}) and a detail
 * that tells the caller what to change. Never carries secrets or stack traces.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;

    public ApiProblem(int status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
