package dev.warden.core.internal;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The timers behind the time limits of runs, model calls, tools and planes ({@code ifNoItem().after(limit)}), on one
 * daemon thread that <em>forgets a timer when it is cancelled</em>.
 *
 * <p>Why not Mutiny's default: in Quarkus that is the {@code EnhancedQueueExecutor}, whose cancelled timers stay queued
 * until they would have fired. A run's deadline is 120 s by default and nearly every bounded call finishes long
 * before it, so each call left its timer (future, task and queue entry, ~130 bytes) on the heap for the rest of the
 * deadline: ~2 per run, 19,560 after 10,000 runs of the banking sample (decision 0071), growing with the request rate
 * (~31 MB at 1,000 runs/s).
 * Here a cancelled timer leaves the queue at once ({@code removeOnCancelPolicy}).
 *
 * <p>A timer that fires hands its action to Mutiny's default worker pool, as before: what follows a timeout (the
 * failure travelling downstream, the run going on) never runs on, or holds up, the timer thread.
 *
 * <p>Other modules reach these timers through the public {@link dev.warden.core.Deadlines} (decision 0077).
 */
public final class DeadlineTimers {
    private static final System.Logger LOG = System.getLogger(DeadlineTimers.class.getName());
    private static final AtomicBoolean REFUSAL_LOGGED = new AtomicBoolean();
    private static final ScheduledThreadPoolExecutor TIMERS = new HandingOff();

    private DeadlineTimers() {}

    /** The scheduler to pass to {@code ifNoItem().after(limit).on(...)}. */
    public static ScheduledExecutorService scheduler() {
        return TIMERS;
    }

    /** Timers scheduled and neither fired nor cancelled (for tests and diagnostics). */
    public static int pending() {
        return TIMERS.getQueue().size();
    }

    private static final class HandingOff extends ScheduledThreadPoolExecutor {
        HandingOff() {
            super(1, r -> {
                Thread t = new Thread(r, "warden-deadlines");
                t.setDaemon(true);
                return t;
            });
            setRemoveOnCancelPolicy(true);
            setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable action, long delay, TimeUnit unit) {
            return super.schedule(() -> handOff(action), delay, unit);
        }

        /**
         * Runs a fired timer's action on the worker pool; if the pool refuses it (shut down, saturated), on this
         * thread: a timeout that never fires would leave its run without a deadline, holding its permits.
         */
        private static void handOff(Runnable action) {
            try {
                Infrastructure.getDefaultWorkerPool().execute(action);
            } catch (RejectedExecutionException e) {
                if (!REFUSAL_LOGGED.getAndSet(true)) {
                    LOG.log(System.Logger.Level.WARNING, "the worker pool refused a fired time limit ({0}); it runs on"
                            + " the timer thread instead (logged once)", e.getMessage());
                }
                action.run();
            }
        }
    }
}
