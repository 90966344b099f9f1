package dev.warden.quarkus.notify;

/** A delivery attempt failed; {@link #retryable()} says whether trying again may help (5xx, 408, 429, I/O). */
final class DeliveryException extends RuntimeException {
    private final boolean retryable;

    DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    boolean retryable() {
        return retryable;
    }
}
