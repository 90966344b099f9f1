package dev.warden.delegation.token;

/** A context token was refused. {@link #code()} is a stable {@code WARDEN-DLG-002x} code from the registry. */
public final class ContextTokenException extends RuntimeException {
    private final String code;

    public ContextTokenException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
