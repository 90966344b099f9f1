package dev.warden.quarkus.console;

/** A console page refused: an HTTP status, a stable code (the API's or {@link ConsoleCodes}) and a message. */
public final class ConsoleRefusal extends RuntimeException {
    private final int status;
    private final String code;

    public ConsoleRefusal(int status, String code, String message) {
        super(message, null, false, false);
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
