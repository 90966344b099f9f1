package dev.warden.core.streaming;

import dev.warden.core.Decision;
import java.util.Objects;

/**
 * A screen refused a piece of a streamed answer: the stream ends here, with the refusal's code. What was released
 * before stays delivered; the held-back text never is.
 */
public final class StreamRefusedException extends RuntimeException {
    private final String plane;
    private final transient Decision refusal;

    public StreamRefusedException(String plane, Decision refusal) {
        super(plane + ": " + refusal.reason(), null, false, false);
        this.plane = Objects.requireNonNull(plane, "plane");
        this.refusal = refusal;
    }

    /** The plane whose screen refused. */
    public String plane() {
        return plane;
    }

    /** A {@link Decision.Deny} or {@link Decision.Failure}. */
    public Decision refusal() {
        return refusal;
    }

    public String code() {
        return refusal.code();
    }
}
