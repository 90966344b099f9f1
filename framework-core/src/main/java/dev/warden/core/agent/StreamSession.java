package dev.warden.core.agent;

import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.CancellationException;

/**
 * One streaming run's link to its reader: where its events go, how much text its hold-back window keeps, what it has
 * delivered so far (across model turns) and whether the reader went away. Events are emitted by one thread at a time
 * (the run's); {@link #cancel()} may come from any thread.
 */
final class StreamSession {
    private final RunListener listener;
    private final int windowChars;
    private final StringBuilder delivered = new StringBuilder();
    private volatile boolean cancelled;
    private volatile StreamingHandle handle;
    private volatile Runnable abort;
    private boolean holdsAnswer;

    StreamSession(RunListener listener, int windowChars) {
        this.listener = listener;
        this.windowChars = windowChars;
    }

    int windowChars() {
        return windowChars;
    }

    /**
     * Whether this run's answer is held back whole and delivered only once {@code AGENT_OUTPUT} has decided: a plane
     * that judges answer text without screening it piece by piece is subscribed (decision 0041). Set at the start.
     */
    boolean holdsAnswer() {
        return holdsAnswer;
    }

    void holdAnswer(boolean value) {
        holdsAnswer = value;
    }

    void emit(RunEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) { // a reader's fault never changes the run
            System.getLogger(StreamSession.class.getName()).log(System.Logger.Level.DEBUG, "run listener failed", e);
        }
    }

    /** Delivers released text (nothing when empty) and remembers it for {@code AGENT_OUTPUT}. */
    void deliver(String runId, int step, String text) {
        if (text != null && !text.isEmpty()) {
            delivered.append(text);
            emit(new RunEvent.Token(runId, step, text));
        }
    }

    /** Everything delivered in this run, exactly as the reader got it. */
    String delivered() {
        return delivered.toString();
    }

    boolean hasDelivered() {
        return delivered.length() > 0;
    }

    /** The model call in flight, so a departing reader can cancel it. */
    void streaming(StreamingHandle h) {
        handle = h;
        if (cancelled && h != null) {
            h.cancel();
        }
    }

    /** How to end the model turn in flight at once (a client may not report its own cancellation). */
    void abortWith(Runnable value) {
        abort = value;
    }

    /** Stops the model call in flight (the stream ended for another reason: a refusal). */
    void stopModel() {
        StreamingHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }

    /** The reader went away: the model call in flight is cancelled and the run ends at its next step. */
    void cancel() {
        cancelled = true;
        StreamingHandle h = handle;
        if (h != null) {
            h.cancel();
        }
        Runnable a = abort;
        if (a != null) {
            a.run();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Thrown into the run when its reader went away. */
    static final class ReaderGone extends CancellationException {
        ReaderGone() {
            super("the reader of the stream went away");
        }
    }
}
