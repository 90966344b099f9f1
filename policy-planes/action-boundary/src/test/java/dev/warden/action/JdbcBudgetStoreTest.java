package dev.warden.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.TestClock;
import dev.warden.testing.postgres.LocalPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared budget store against a real PostgreSQL: atomic across connections, as it must be across replicas. */
class JdbcBudgetStoreTest {
    static DataSource dataSource;
    final TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeAll
    static void database() {
        dataSource = LocalPostgres.shared().dataSource();
        new JdbcBudgetStore(dataSource, java.time.Clock.systemUTC()).createTable();
    }

    static BudgetKey key() {
        return new BudgetKey("transfers-per-day", "alice-" + UUID.randomUUID(), 20261125L);
    }

    @Test
    void reservations_stop_exactly_at_the_limit_under_concurrency_from_separate_stores() throws Exception {
        BudgetKey key = key();
        Instant exp = clock.instant().plus(Duration.ofDays(1));
        int threads = 16;
        int attempts = 40;
        long limit = 101;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            // one store per thread, like one per replica: only the database coordinates them
            JdbcBudgetStore store = new JdbcBudgetStore(dataSource, clock);
            granted.add(pool.submit(() -> {
                go.await();
                int n = 0;
                for (int i = 0; i < attempts; i++) {
                    if (store.tryReserve(key, 1, limit, exp).granted()) {
                        n++;
                    }
                }
                return n;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : granted) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(limit);
        assertThat(new JdbcBudgetStore(dataSource, clock).used(key)).isEqualTo(limit);
    }

    @Test
    void a_refused_reservation_reports_the_total_and_changes_nothing() {
        JdbcBudgetStore store = new JdbcBudgetStore(dataSource, clock);
        BudgetKey key = key();
        Instant exp = clock.instant().plus(Duration.ofHours(1));
        assertThat(store.tryReserve(key, 800, 1000, exp).granted()).isTrue();
        BudgetStore.Reservation r = store.tryReserve(key, 300, 1000, exp);
        assertThat(r.granted()).isFalse();
        assertThat(r.used()).isEqualTo(800);
        assertThat(store.tryReserve(key(), 1001, 1000, exp).granted()).isFalse();
        store.release(key, 500);
        assertThat(store.used(key)).isEqualTo(300);
        store.release(key, 10_000);
        assertThat(store.used(key)).isZero();
    }

    @Test
    void consume_advance_and_expiry() {
        JdbcBudgetStore store = new JdbcBudgetStore(dataSource, clock);
        BudgetKey key = key();
        Instant exp = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(store.consume(key, 7, exp)).isEqualTo(7);
        assertThat(store.consume(key, 5, exp)).isEqualTo(12);
        assertThat(store.advanceTo(key, 10, exp)).isEqualTo(12);
        assertThat(store.used(key)).isEqualTo(12);
        assertThat(store.advanceTo(key, 30, exp)).isEqualTo(12);
        assertThat(store.used(key)).isEqualTo(30);
        assertThat(store.advanceTo(key(), 3, exp)).isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(store.used(key)).isZero();
        assertThat(store.sweep()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_database_failure_fails_closed_with_a_budget_store_exception() {
        JdbcBudgetStore store = new JdbcBudgetStore(LocalPostgres.unreachableDataSource(1), clock);
        assertThatThrownBy(() -> store.tryReserve(key(), 1, 10, clock.instant().plusSeconds(60)))
                .isInstanceOf(BudgetStoreException.class).hasMessageContaining("cannot reserve");
    }
}
