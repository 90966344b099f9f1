package dev.warden.core.audit;

/**
 * The JSONL audit file cannot be used as it is: cut off, unreadable, or not matching its signed head. Thrown when the
 * store opens, so the service does not start on a trail it cannot continue honestly (fail closed). The message names
 * the file, the line and the recovery step; {@link #code()} is a stable {@code WARDEN-CORE-…} code.
 */
public final class AuditFileException extends RuntimeException {
    private final String code;

    public AuditFileException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
