package dev.warden.core.audit;

import java.util.concurrent.locks.LockSupport;

/**
 * A record linked into its chain and queued for the next batch of a {@link JsonlGroupCommit}; the thread writing the
 * batch completes it. {@code caller} is the thread waiting for it, or {@code null} for a deferred record.
 */
final class QueuedRecord {
    final DecisionRecord linked;
    final byte[] line;
    final Thread caller;
    String failure;
    Throwable cause;
    volatile boolean done;

    QueuedRecord(DecisionRecord linked, byte[] line, Thread caller) {
        this.linked = linked;
        this.line = line;
        this.caller = caller;
    }

    void complete() {
        done = true;
        if (caller != null) {
            LockSupport.unpark(caller);
        }
    }

    void fail(String message, Throwable why) {
        failure = message;
        cause = why;
        complete();
    }
}
