package dev.warden.core.audit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The commit delay of a {@link JsonlGroupCommit} (decision 0057, in the spirit of PostgreSQL's {@code commit_delay} and
 * {@code commit_siblings}): which runs have a deferred record queued and no barrier queued after it — runs about to
 * append their barrier, since a run's next checkpoint follows a deferred record within microseconds — and the wait of
 * a batch's writer for them: parked (the CPU goes to those runs), until they all queued their barrier, the batch is
 * full or the delay passed, so that their records share its forced write instead of needing one more right after. A
 * lone writer, or one whose queue holds no such record, does not wait. {@link #queued}, {@link #written} and {@link #clear} are
 * called under the group commit's linking lock; {@link #await} under its writer lock.
 */
final class JsonlArrivingRuns {
    private final Set<String> runs = new HashSet<>();
    private final long delayNanos;
    private volatile int count;
    /** The writer waiting in {@link #await}, woken by the barrier that empties the set. */
    private volatile Thread waiting;

    /** @param delayNanos longest wait of one writer; 0 or less: never wait */
    JsonlArrivingRuns(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** A record of {@code run} was queued: deferred, the run is now awaited; a barrier, it has arrived. */
    void queued(String run, boolean barrier) {
        if (delayNanos <= 0 || run == null || !(barrier ? runs.remove(run) : runs.add(run))) {
            return;
        }
        count = runs.size();
        Thread w = waiting;
        if (barrier && count == 0 && w != null) {
            LockSupport.unpark(w);
        }
    }

    /** The deferred records of {@code batch} are durable: their runs are no longer awaited. */
    void written(List<QueuedRecord> batch) {
        for (QueuedRecord p : batch) {
            if (p.caller == null && p.linked.runId() != null) {
                runs.remove(p.linked.runId());
            }
        }
        count = runs.size();
    }

    /** Nothing is queued any more (a failed batch failed everything queued). */
    void clear() {
        runs.clear();
        count = 0;
    }

    /** Whether some run is awaited (read without the lock). */
    boolean any() {
        return count > 0;
    }

    /**
     * Waits, parked, until no run is awaited, {@code queued} reaches {@code full}, or the delay passed.
     *
     * @return whether the thread was interrupted meanwhile (the flag is cleared, so that parking still parks)
     */
    boolean await(java.util.function.IntSupplier queued, int full) {
        if (count == 0 || delayNanos <= 0) {
            return false;
        }
        boolean interrupted = false;
        long until = System.nanoTime() + delayNanos;
        waiting = Thread.currentThread();
        try {
            for (long left; count > 0 && queued.getAsInt() < full && (left = until - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(this, left);
                interrupted |= Thread.interrupted();
            }
        } finally {
            waiting = null;
        }
        return interrupted;
    }
}
