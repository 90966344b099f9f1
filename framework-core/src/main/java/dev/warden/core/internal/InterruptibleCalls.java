package dev.warden.core.internal;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs blocking work (a model call, a tool, a delegated run) on another thread under a time limit, so the awaiting side
 * returns when the limit passes and the work is <em>interrupted</em>: a blocked JDK HTTP exchange or a retry back-off
 * sleeping between attempts ends with {@link InterruptedException}, so no retry is sent after the deadline.
 *
 * <p>The interrupt is delivered only while the work itself runs, never once it has returned, so the thread that
 * goes on to run the continuation is never interrupted by a late cancellation.
 */
public final class InterruptibleCalls {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Cached daemon threads: idle ones end after 30 s, so bursts leave no threads behind. */
    private static final ExecutorService SHARED = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "warden-bounded-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private InterruptibleCalls() {}

    /** The executor used when an agent configures none: work bounded by a deadline must not run on the awaiting thread. */
    public static Executor shared() {
        return SHARED;
    }

    /** The time limit passed before the work finished; the work was interrupted. */
    public static final class LimitExceeded extends RuntimeException {
        private final Duration limit;

        public LimitExceeded(Duration limit) {
            super("did not finish within " + limit, null, false, false);
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }

    private enum State { RUNNING, DONE, CANCELLED }

    /**
     * {@code work} on {@code executor}, failing with {@link LimitExceeded} (and interrupting the work) when
     * {@code limit} passes first; cancelling the returned Uni interrupts the work too.
     */
    public static <T> Uni<T> call(Callable<T> work, Executor executor, Duration limit) {
        Uni<T> uni = Uni.createFrom().emitter(em -> {
            AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
            FutureTask<Void> task = new FutureTask<>(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    if (state.compareAndSet(State.RUNNING, State.DONE)) {
                        em.fail(t);
                    }
                    return null;
                }
                if (state.compareAndSet(State.RUNNING, State.DONE)) {
                    em.complete(result);
                }
                return null;
            });
            em.onTermination(() -> {
                if (state.compareAndSet(State.RUNNING, State.CANCELLED)) {
                    task.cancel(true);
                }
            });
            executor.execute(task);
        });
        if (limit == null) {
            return uni;
        }
        Duration bounded = limit.isNegative() ? Duration.ZERO : limit;
        if (bounded.isZero()) {
            return Uni.createFrom().failure(new LimitExceeded(bounded));
        }
        return dev.warden.core.Deadlines.within(uni, bounded, () -> new LimitExceeded(bounded));
    }
}
