package dev.warden.core.audit;

/** A decision record could not be persisted. The decision it describes must not be acted on. */
public final class AuditWriteException extends RuntimeException {
    public AuditWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
