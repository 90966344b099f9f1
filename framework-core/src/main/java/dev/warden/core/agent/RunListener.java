package dev.warden.core.agent;

/**
 * Receives a streaming run's {@link RunEvent}s, in order, on the thread the run is on at that moment (a model client's
 * thread while it streams, a worker thread for tools). Must not block for long: the run waits for it. A listener that
 * throws is ignored for that event (observers never change an outcome).
 */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);
}
