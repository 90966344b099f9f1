package dev.warden.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bounded calls leave no timer behind once they finish (decision 0071), and a limit that passes still fails them. */
class DeadlineTimersTest {
    /** Like Quarkus's EnhancedQueueExecutor: a cancelled timer stays queued until it would have fired. */
    private final ScheduledThreadPoolExecutor keepsCancelledTimers = new ScheduledThreadPoolExecutor(2);

    @BeforeEach
    void keepCancelledTimersInTheDefaultPool() {
        Infrastructure.setDefaultExecutor(keepsCancelledTimers);
    }

    @AfterEach
    void restore() {
        Infrastructure.setDefaultExecutor();
        keepsCancelledTimers.shutdownNow();
    }

    @Test
    void calls_that_finish_before_their_limit_leave_no_timer_queued() {
        var work = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 50; i++) {
                int n = i;
                assertThat(InterruptibleCalls.call(() -> n, work, Duration.ofMinutes(10)).await().indefinitely())
                        .isEqualTo(n);
            }
        } finally {
            work.shutdownNow();
        }
        assertThat(keepsCancelledTimers.getQueue()).as("timers left in Mutiny's default pool").isEmpty();
        assertThat(DeadlineTimers.pending()).as("timers left in the deadline scheduler").isZero();
    }

    @Test
    void a_limit_that_passes_fails_the_call_off_the_timer_thread() {
        var work = Executors.newCachedThreadPool();
        AtomicReference<String> failedOn = new AtomicReference<>();
        try {
            assertThatThrownBy(() -> InterruptibleCalls.call(() -> {
                Thread.sleep(60_000);
                return "late";
            }, work, Duration.ofMillis(50)).onFailure().invoke(() -> failedOn.set(Thread.currentThread().getName()))
                    .await().indefinitely()).isInstanceOf(InterruptibleCalls.LimitExceeded.class);
        } finally {
            work.shutdownNow();
        }
        assertThat(failedOn.get()).isNotEqualTo("warden-deadlines");
    }

    @Test
    void a_limit_that_passes_still_fails_the_call_when_the_worker_pool_refuses_the_hand_off() {
        ScheduledThreadPoolExecutor refusing = new ScheduledThreadPoolExecutor(1);
        refusing.shutdown();
        Infrastructure.setDefaultExecutor(refusing);
        var work = Executors.newCachedThreadPool();
        try {
            assertThatThrownBy(() -> InterruptibleCalls.call(() -> {
                Thread.sleep(60_000);
                return "late";
            }, work, Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(20)))
                    .isInstanceOf(InterruptibleCalls.LimitExceeded.class);
        } finally {
            work.shutdownNow();
        }
    }
}
