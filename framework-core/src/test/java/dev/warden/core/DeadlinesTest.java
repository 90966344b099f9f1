package dev.warden.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.TimerKeepingPool;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public time limit (decision 0077): its timer is released when the work ends, and a limit that passes fails. */
class DeadlinesTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private final TimerKeepingPool defaultPool = TimerKeepingPool.installAsMutinyDefault();

    @AfterEach
    void restore() {
        defaultPool.close();
    }

    @Test
    void work_that_ends_before_its_limit_leaves_no_timer_anywhere() {
        int before = Deadlines.pending();
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThat(Deadlines.within(Uni.createFrom().item(() -> n), LONG).await().indefinitely()).isEqualTo(n);
            assertThatThrownBy(() -> Deadlines.within(Uni.createFrom().failure(new IllegalStateException("no")), LONG)
                    .await().indefinitely()).isInstanceOf(IllegalStateException.class);
        }
        assertThat(defaultPool.timersDueAfter(Duration.ofMinutes(1))).as("timers left in Mutiny's default pool")
                .isZero();
        assertThat(Deadlines.pending()).as("timers left in the deadline scheduler").isLessThanOrEqualTo(before);
    }

    @Test
    void work_whose_subscriber_cancels_releases_its_timer_and_is_cancelled() {
        int before = Deadlines.pending();
        AtomicBoolean workCancelled = new AtomicBoolean();
        Cancellable c = Deadlines.within(Uni.createFrom().nothing().onCancellation().invoke(() -> workCancelled.set(true)),
                LONG).subscribe().with(x -> { });
        assertThat(Deadlines.pending()).isGreaterThan(before);
        c.cancel();
        assertThat(workCancelled).isTrue();
        assertThat(Deadlines.pending()).isLessThanOrEqualTo(before);
        assertThat(defaultPool.timersDueAfter(Duration.ofMinutes(1))).isZero();
    }

    @Test
    void a_limit_that_passes_fails_the_work_and_cancels_it() {
        AtomicBoolean workCancelled = new AtomicBoolean();
        assertThatThrownBy(() -> Deadlines.within(Uni.createFrom().nothing()
                .onCancellation().invoke(() -> workCancelled.set(true)), Duration.ofMillis(20)).await().indefinitely())
                .isInstanceOf(TimeoutException.class);
        assertThat(workCancelled).isTrue();
        assertThatThrownBy(() -> Deadlines.within(Uni.createFrom().nothing(), Duration.ofMillis(20),
                () -> new IllegalStateException("too slow")).await().indefinitely())
                .isInstanceOf(IllegalStateException.class).hasMessage("too slow");
    }

    @Test
    void a_limit_that_passes_before_the_subscriber_is_subscribed_still_reaches_it_as_a_timeout() {
        // the subscription is held up until the outcome has been mapped (at most 2 s: when the timer is scheduled only
        // once the subscriber is subscribed, nothing can be mapped before)
        CountDownLatch mapped = new CountDownLatch(1);
        Uni<String> outcome = Deadlines.within(Uni.createFrom().<String>nothing(), Duration.ofMillis(1))
                .onSubscription().invoke(() -> awaitQuietly(mapped))
                .onItemOrFailure().transformToUni((item, failure) -> {
                    mapped.countDown();
                    return Uni.createFrom().item(failure != null ? "timed out" : "answered: " + item);
                });
        assertThat(outcome.await().atMost(Duration.ofSeconds(30))).isEqualTo("timed out");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_limit_that_is_not_positive_is_refused() {
        Uni<String> work = Uni.createFrom().item("x");
        assertThatThrownBy(() -> Deadlines.within(work, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deadlines.within(work, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deadlines.within(work, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
