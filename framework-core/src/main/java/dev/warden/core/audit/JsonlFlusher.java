package dev.warden.core.audit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread of a {@link JsonlGroupCommit} that writes deferred records no barrier took along (decision 0047): a
 * daemon started on the first deferred record, never interrupted (an interrupt would close the channel under every
 * caller). It lingers {@link #LINGER_NANOS} before writing, so that the run's next checkpoint, which normally follows
 * within microseconds, carries the deferred records in its own batch: one forced write instead of two in a row.
 */
final class JsonlFlusher {
    /** How long a deferred record waits for a barrier to take it along before the flusher writes it. */
    static final long LINGER_NANOS = 2_000_000L;

    private final JsonlGroupCommit commit;
    private volatile Thread thread;
    /** The flusher waits for work (not lingering, not writing): only then does a deferred record wake it. */
    private volatile boolean idle;
    private volatile boolean stopping;
    /** How often a deferred record woke the flusher (diagnostics and tests). */
    private final AtomicLong wakeups = new AtomicLong();

    JsonlFlusher(JsonlGroupCommit commit) {
        this.commit = commit;
    }

    /**
     * Starts the flusher, or wakes it if it waits for work. A flusher that lingers or writes will see the record
     * anyway (it writes everything queued), so waking it again would only cost it a context switch per record.
     */
    void wake() {
        Thread f = thread;
        if (f != null && !idle) {
            return;
        }
        if (f == null) {
            synchronized (this) {
                if (thread == null && !stopping) {
                    Thread t = new Thread(this::loop, "warden-audit-flush");
                    t.setDaemon(true);
                    thread = t;
                    t.start();
                }
                f = thread;
            }
        }
        if (f != null) {
            wakeups.incrementAndGet();
            LockSupport.unpark(f);
        }
    }

    long wakeups() {
        return wakeups.get();
    }

    /** Stops the thread (what is still queued is written by the caller, e.g. {@code close}). */
    void stop() {
        Thread f;
        synchronized (this) {
            stopping = true;
            f = thread;
        }
        if (f != null) {
            LockSupport.unpark(f);
            try {
                f.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (!stopping) {
            if (commit.nothingQueued()) {
                idle = true; // then look again: a record queued before this write is seen below
                if (commit.nothingQueued() && !stopping) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            long until = System.nanoTime() + LINGER_NANOS;
            for (long left; !stopping && (left = until - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(this, left);
            }
            if (!commit.nothingQueued()) {
                commit.flushQueued();
            }
        }
    }
}
