package dev.warden.identity;

import java.util.Objects;

/**
 * A bearer token was refused. {@link #code()} is one of the stable {@code WARDEN-ID-005x/006x} codes of
 * {@link IdentityCodes}; the message says what is wrong in words an operator can act on and never contains the
 * token itself. Thrown before any model call: a run without a verified principal never starts.
 */
public final class TokenVerificationException extends RuntimeException {
    private final String code;

    public TokenVerificationException(String code, String message) {
        this(code, message, null);
    }

    public TokenVerificationException(String code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + " " + message, cause);
        this.code = code;
    }

    /** Stable code, e.g. {@link IdentityCodes#TOKEN_EXPIRED}. */
    public String code() {
        return code;
    }
}
