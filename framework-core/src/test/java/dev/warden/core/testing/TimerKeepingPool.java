package dev.warden.core.testing;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Mutiny's default worker pool made to behave like Quarkus' {@code EnhancedQueueExecutor}: a cancelled timer stays
 * queued until it would have fired (a plain {@code ScheduledThreadPoolExecutor} without
 * {@code removeOnCancelPolicy}). A test installs it, runs bounded work that ends long before its limit, and counts
 * the timers left behind (decisions 0071, 0077).
 *
 * <pre>{@code
 * try (TimerKeepingPool pool = TimerKeepingPool.installAsMutinyDefault()) {
 *     ... work bounded by a 10 minute limit, ended at once ...
 *     assertThat(pool.timersDueAfter(Duration.ofMinutes(1))).isZero();
 * }
 * }</pre>
 */
public final class TimerKeepingPool implements AutoCloseable {
    private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4, r -> {
        Thread t = new Thread(r, "timer-keeping-pool");
        t.setDaemon(true);
        return t;
    });

    private TimerKeepingPool() {}

    /** Installs a new pool as Mutiny's default executor; {@link #close()} restores Mutiny's own. */
    public static TimerKeepingPool installAsMutinyDefault() {
        TimerKeepingPool p = new TimerKeepingPool();
        Infrastructure.setDefaultExecutor(p.pool);
        return p;
    }

    /**
     * Timers queued in this pool that are due later than {@code threshold} from now: left by bounded work whose limit
     * is longer than {@code threshold} and which has ended (work handed to the pool to run now is not counted).
     */
    public long timersDueAfter(Duration threshold) {
        long ms = threshold.toMillis();
        return pool.getQueue().stream()
                .filter(r -> r instanceof Delayed d && d.getDelay(TimeUnit.MILLISECONDS) > ms)
                .count();
    }

    @Override
    public void close() {
        Infrastructure.setDefaultExecutor();
        pool.shutdownNow();
    }
}
