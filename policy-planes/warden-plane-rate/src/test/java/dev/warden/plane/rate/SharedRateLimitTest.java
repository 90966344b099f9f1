package dev.warden.plane.rate;

import static dev.warden.plane.rate.RateFixtures.sendMoney;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.action.JdbcBudgetStore;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Verdict;
import dev.warden.core.testing.TestClock;
import dev.warden.testing.postgres.LocalPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replicas sharing the PostgreSQL budget store enforce one limit between them. */
class SharedRateLimitTest {
    static DataSource dataSource;
    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

    @BeforeAll
    static void database() {
        dataSource = LocalPostgres.shared().dataSource();
        new JdbcBudgetStore(dataSource, java.time.Clock.systemUTC()).createTable();
    }

    /** One replica: its own connection pool, engine, plane, store and Governor; only the database is shared. */
    @SuppressWarnings("deprecation") // the driver's simple pool is enough for a test; applications use Agroal/Hikari
    Governor replica() {
        org.postgresql.ds.PGPoolingDataSource pool = new org.postgresql.ds.PGPoolingDataSource();
        pool.setDataSourceName("replica-" + UUID.randomUUID());
        LocalPostgres pg = LocalPostgres.shared();
        pool.setURL(pg.jdbcUrl());
        pool.setUser(pg.username());
        pool.setPassword(pg.password());
        pool.setMaxConnections(4);
        return Governor.builder().clock(clock).plane(RatePlane.builder().engine(RateFixtures.engine(clock))
                .budgetStore(new JdbcBudgetStore(pool, clock)).clock(clock).timeBudget(Duration.ofSeconds(30))
                .build()).build();
    }

    @Test
    void four_replicas_racing_grant_exactly_the_limit_between_them() throws Exception {
        GovernanceContext user = RateFixtures.ctx("user-" + UUID.randomUUID(), "banking-assistant");
        List<Governor> replicas = List.of(replica(), replica(), replica(), replica());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                Governor g = replicas.get(t % replicas.size());
                granted.add(pool.submit(() -> {
                    go.await();
                    int n = 0;
                    for (int i = 0; i < 5; i++) {
                        CheckpointRequest r = sendMoney(10);
                        Verdict v = g.check(r, user);
                        if (v.proceeds()) {
                            g.committed(r, user, v);
                            n++;
                        }
                    }
                    return n;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        // an hour and a bucket later, another replica sees the window free again
        clock.advance(Duration.ofMinutes(67));
        assertThat(replicas.get(3).check(sendMoney(10), user).proceeds()).isTrue();
    }

    @Test
    void a_unit_reserved_on_one_replica_is_released_when_the_call_is_aborted() {
        GovernanceContext user = RateFixtures.ctx("user-" + UUID.randomUUID(), "banking-assistant");
        Governor a = replica();
        Governor b = replica();
        for (int i = 0; i < 4; i++) {
            CheckpointRequest r = sendMoney(10);
            a.committed(r, user, a.check(r, user));
        }
        CheckpointRequest failing = sendMoney(10);
        Verdict held = a.check(failing, user);
        assertThat(held.proceeds()).as(held.reason()).isTrue();
        assertThat(b.check(sendMoney(10), user).proceeds()).as("the fifth unit is held").isFalse();
        a.aborted(failing, user, null, dev.warden.spi.Settlement.Abort.ACTION_FAILED, "tool failed");
        Verdict last = b.check(sendMoney(10), user);
        assertThat(last.proceeds()).as(last.reason()).isTrue();
    }
}
