package dev.warden.delegation.token;

/** A {@link ReplayStore} could not answer (I/O or database error, time-out, corrupt file). */
public final class ReplayStoreException extends RuntimeException {
    public ReplayStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
