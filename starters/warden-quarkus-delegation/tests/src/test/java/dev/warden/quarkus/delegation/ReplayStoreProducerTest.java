package dev.warden.quarkus.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.delegation.token.FileReplayStore;
import dev.warden.delegation.token.JdbcReplayStore;
import dev.warden.delegation.token.ReplayCache;
import dev.warden.delegation.token.ReplayStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which replay store {@code warden.delegation.replay.*} selects, and the startup errors of a bad selection. */
class ReplayStoreProducerTest {
    @TempDir
    Path dir;

    static DelegationConfig.Replay replay(String store, Path path) {
        return new DelegationConfig.Replay() {
            @Override
            public String store() {
                return store;
            }

            @Override
            public Optional<Path> path() {
                return Optional.ofNullable(path);
            }

            @Override
            public int capacity() {
                return 100;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    ReplayStore create(String store, String auditStore, DataSource ds) {
        return ReplayStoreProducer.create(replay(store, null), auditStore, dir.resolve("audit/decisions.jsonl")
                .toString(), Clock.systemUTC(), () -> ds);
    }

    @Test
    void auto_with_a_jsonl_audit_is_a_file_beside_it_that_survives_a_restart() {
        ReplayStore first = create("auto", "jsonl", null);
        assertThat(first).isInstanceOf(FileReplayStore.class);
        Instant exp = Instant.now().plusSeconds(60);
        assertThat(first.claim("jti-1", exp)).isEqualTo(ReplayStore.Claim.FIRST_USE);
        assertThat(Files.exists(dir.resolve("audit/delegation-replay.log"))).isTrue();
        assertThat(create("auto", "jsonl", null).claim("jti-1", exp)).isEqualTo(ReplayStore.Claim.REPLAYED);
    }

    @Test
    void auto_follows_memory_and_postgres_audits() {
        assertThat(create("auto", "memory", null)).isInstanceOf(ReplayCache.class);
        DataSource ds = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("not connected in this test");
                });
        assertThat(create("auto", "postgres", ds)).isInstanceOf(JdbcReplayStore.class);
    }

    @Test
    void postgres_without_a_datasource_stops_the_start() {
        assertThatThrownBy(() -> create("postgres", "jsonl", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DelegationStartupCodes.BAD_REPLAY_STORE).hasMessageContaining("datasource");
    }

    @Test
    void an_unknown_store_stops_the_start_rather_than_falling_back_to_memory() {
        assertThatThrownBy(() -> create("redis", "jsonl", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DelegationStartupCodes.BAD_REPLAY_STORE).hasMessageContaining("redis");
        assertThatThrownBy(() -> create("auto", "mongo", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auto follows warden.audit.store");
    }

    @Test
    void a_file_store_whose_directory_cannot_be_created_stops_the_start() throws Exception {
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> ReplayStoreProducer.create(replay("file", notADir.resolve("replay.log")), "jsonl",
                "x.jsonl", Clock.systemUTC(), () -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DelegationStartupCodes.BAD_REPLAY_STORE);
    }
}
