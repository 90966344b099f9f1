package dev.warden.delegation.token;

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

/** The shared replay store against a real PostgreSQL (postgres-harness): atomic across instances and replicas. */
class JdbcReplayStoreTest {
    static DataSource dataSource;
    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

    @BeforeAll
    static void database() {
        dataSource = LocalPostgres.shared().dataSource();
    }

    JdbcReplayStore store(String schema) {
        return new JdbcReplayStore(dataSource, schema, clock, Duration.ofSeconds(5));
    }

    @Test
    void concurrent_claims_from_separate_stores_have_exactly_one_winner_per_id() throws Exception {
        String prefix = UUID.randomUUID() + "-";
        int threads = 8;
        int ids = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> wins = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcReplayStore replica = store("public"); // one store per replica: only the database coordinates them
            wins.add(pool.submit(() -> {
                go.await();
                int n = 0;
                for (int i = 0; i < ids; i++) {
                    if (replica.claim(prefix + i, clock.instant().plusSeconds(60)) == ReplayStore.Claim.FIRST_USE) {
                        n++;
                    }
                }
                return n;
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> f : wins) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(ids);
    }

    @Test
    void a_used_id_stays_used_after_a_restart_until_it_expires_then_is_swept() {
        String jti = UUID.randomUUID().toString();
        Instant exp = clock.instant().plusSeconds(65);
        assertThat(store("warden_replay_test").claim(jti, exp)).isEqualTo(ReplayStore.Claim.FIRST_USE);

        JdbcReplayStore restarted = store("warden_replay_test");
        assertThat(restarted.claim(jti, exp)).isEqualTo(ReplayStore.Claim.REPLAYED);
        clock.advance(Duration.ofSeconds(66));
        assertThat(restarted.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(restarted.claim(jti, clock.instant().plusSeconds(60))).as("an expired id may be claimed again")
                .isEqualTo(ReplayStore.Claim.FIRST_USE);
    }

    @Test
    void a_database_that_cannot_be_reached_is_a_store_fault_not_a_first_use() {
        JdbcReplayStore store = new JdbcReplayStore(LocalPostgres.unreachableDataSource(2), "public", clock, Duration.ofSeconds(2));
        assertThatThrownBy(() -> store.claim("jti-1", clock.instant().plusSeconds(60)))
                .isInstanceOf(ReplayStoreException.class).hasMessageContaining("unavailable");
    }

    @Test
    void schema_must_be_a_plain_identifier() {
        assertThatThrownBy(() -> store("public; drop table x")).isInstanceOf(IllegalArgumentException.class);
    }
}
