package dev.warden.quarkus.anthropic;

import java.util.OptionalInt;

/**
 * Why a call to Anthropic failed, with a stable {@link #code()} from {@link AnthropicCodes} and, when the API
 * answered, its HTTP {@link #status()}. The governed agent loop treats it like any model failure: the run ends
 * {@code FAILED} and no tool runs (fail closed). Messages never contain the API key.
 */
public final class AnthropicModelException extends RuntimeException {
    private final String code;
    private final int status;

    AnthropicModelException(String code, int status, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.status = status;
    }

    /** One of the {@link AnthropicCodes} constants. */
    public String code() {
        return code;
    }

    /** The HTTP status the API answered with; empty when it was not reached or the key was missing. */
    public OptionalInt status() {
        return status > 0 ? OptionalInt.of(status) : OptionalInt.empty();
    }
}
