package dev.warden.core.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the caller of a streaming run say its reader went away ({@link #cancel()}): the model call in flight is
 * cancelled, nothing further starts, and the run ends {@link RunStatus#CANCELLED}, audited with
 * {@code WARDEN-STR-0661} — its listener still receives the final {@link RunEvent.Refused}. Thread-safe; cancelling
 * twice, or after the run ended, does nothing.
 */
public final class CancelSignal {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = List.copyOf(hooks);
        }
        run.forEach(Runnable::run);
    }

    public synchronized boolean cancelled() {
        return cancelled;
    }

    /** Runs {@code hook} on cancellation (at once when already cancelled). */
    void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }
}
