package dev.warden.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryBudgetStoreTest {
    final TestClock clock = TestClock.at("2024-05-06T08:00:00Z");
    final Instant inAnHour = clock.instant().plus(Duration.ofHours(1));
    final BudgetKey key = new BudgetKey("calls", "run-1", 0);

    @Test
    void grants_up_to_the_limit_and_refuses_the_rest_without_counting_it() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        assertThat(store.tryReserve(key, 2, 3, inAnHour)).isEqualTo(new BudgetStore.Reservation(true, 2, 3));
        assertThat(store.tryReserve(key, 2, 3, inAnHour)).isEqualTo(new BudgetStore.Reservation(false, 2, 3));
        assertThat(store.tryReserve(key, 1, 3, inAnHour)).isEqualTo(new BudgetStore.Reservation(true, 3, 3));
        assertThat(store.used(key)).isEqualTo(3);
    }

    @Test
    void release_consume_and_advance() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        store.tryReserve(key, 3, 10, inAnHour);
        store.release(key, 5);
        assertThat(store.used(key)).isZero();
        assertThat(store.consume(key, 12, inAnHour)).isEqualTo(12);
        BudgetKey mark = new BudgetKey("seen", "run-1", 0);
        assertThat(store.advanceTo(mark, 100, inAnHour)).isZero();
        assertThat(store.advanceTo(mark, 80, inAnHour)).isEqualTo(100);
        assertThat(store.advanceTo(mark, 150, inAnHour)).isEqualTo(100);
        assertThat(store.used(mark)).isEqualTo(150);
    }

    @Test
    void an_expired_counter_reads_as_zero_and_starts_afresh() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        store.tryReserve(key, 3, 3, inAnHour);
        clock.advance(Duration.ofHours(1));
        assertThat(store.used(key)).isZero();
        assertThat(store.tryReserve(key, 3, 3, clock.instant().plus(Duration.ofHours(1))).granted()).isTrue();
    }

    @Test
    void memory_is_bounded_expired_counters_are_evicted_and_live_ones_never_forgotten() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock, 100);
        for (int i = 0; i < 100; i++) {
            store.tryReserve(new BudgetKey("calls", "run-" + i, 0), 1, 5, inAnHour);
        }
        assertThatThrownBy(() -> store.tryReserve(new BudgetKey("calls", "run-x", 0), 1, 5, inAnHour))
                .isInstanceOf(BudgetStoreException.class).hasMessageContaining("full");
        assertThat(store.used(new BudgetKey("calls", "run-7", 0))).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(store.tryReserve(new BudgetKey("calls", "run-x", 0), 1, 5, clock.instant().plusSeconds(60))
                .granted()).isTrue();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void concurrent_reservations_never_exceed_the_limit_and_grant_exactly_the_limit() throws Exception {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        int threads = 16;
        int attemptsPerThread = 2_000;
        long limit = 10_007;
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attemptsPerThread; i++) {
                        if (store.tryReserve(key, 1, limit, inAnHour).granted()) {
                            granted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(limit);
        assertThat(store.used(key)).isEqualTo(limit);
    }
}
