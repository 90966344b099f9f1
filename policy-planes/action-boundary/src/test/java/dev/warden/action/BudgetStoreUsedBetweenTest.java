package dev.warden.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.TestClock;
import dev.warden.testing.postgres.LocalPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link BudgetStore#usedBetween}: the default (in memory) and the one-statement PostgreSQL answer agree. */
class BudgetStoreUsedBetweenTest {
    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

    static JdbcBudgetStore postgres(TestClock clock) {
        JdbcBudgetStore store = new JdbcBudgetStore(LocalPostgres.shared().dataSource(), clock);
        store.createTable();
        return store;
    }

    void sums_live_counters_of_the_range_only(BudgetStore store) {
        String subject = "alice-" + UUID.randomUUID();
        Instant soon = clock.instant().plus(Duration.ofMinutes(30));
        Instant later = clock.instant().plus(Duration.ofHours(2));
        store.consume(new BudgetKey("b", subject, 0), 1, later);      // before the range
        store.consume(new BudgetKey("b", subject, 100), 2, later);    // in
        store.consume(new BudgetKey("b", subject, 200), 3, soon);     // in, expires first
        store.consume(new BudgetKey("b", subject, 300), 4, later);    // the upper end is exclusive
        store.consume(new BudgetKey("other", subject, 200), 5, later); // another budget
        assertThat(store.usedBetween("b", subject, 100, 300, 100)).isEqualTo(5);
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.usedBetween("b", subject, 100, 300, 100)).isEqualTo(2);
    }

    @Test
    void in_memory() {
        sums_live_counters_of_the_range_only(new InMemoryBudgetStore(clock));
    }

    @Test
    void postgres_in_one_statement() {
        sums_live_counters_of_the_range_only(postgres(clock));
    }
}
