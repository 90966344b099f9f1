package dev.warden.delegation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded replay store on real files: restarts, concurrent instances, bounds, torn and corrupt files. */
class FileReplayStoreTest {
    final TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
    @TempDir
    Path dir;

    Instant in(int seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    @Test
    void a_used_id_stays_used_after_a_restart() {
        Path file = dir.resolve("replay.log");
        assertThat(new FileReplayStore(file, clock, 100).claim("jti-1", in(60))).isEqualTo(ReplayStore.Claim.FIRST_USE);

        FileReplayStore restarted = new FileReplayStore(file, clock, 100);
        assertThat(restarted.claim("jti-1", in(60))).isEqualTo(ReplayStore.Claim.REPLAYED);
        assertThat(restarted.claim("jti-2", in(60))).isEqualTo(ReplayStore.Claim.FIRST_USE);
    }

    @Test
    void concurrent_claims_through_separate_instances_have_exactly_one_winner_per_id() throws Exception {
        Path file = dir.resolve("replay.log");
        int threads = 8;
        int ids = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> wins = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            FileReplayStore store = new FileReplayStore(file, clock, 10_000); // one per "replica"
            wins.add(pool.submit(() -> {
                go.await();
                int n = 0;
                for (int i = 0; i < ids; i++) {
                    if (store.claim("jti-" + i, in(60)) == ReplayStore.Claim.FIRST_USE) {
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
    void expired_ids_are_forgotten_and_the_file_stays_bounded() throws Exception {
        Path file = dir.resolve("replay.log");
        FileReplayStore store = new FileReplayStore(file, clock, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(store.claim("old-" + i, in(30))).isEqualTo(ReplayStore.Claim.FIRST_USE);
        }
        assertThat(store.claim("one-too-many", in(30))).as("full of live ids: refused, nothing forgotten")
                .isEqualTo(ReplayStore.Claim.FULL);
        for (int round = 0; round < 300; round++) {
            clock.advance(Duration.ofSeconds(31));
            for (int i = 0; i < 10; i++) {
                assertThat(store.claim("r" + round + "-" + i, in(30))).isEqualTo(ReplayStore.Claim.FIRST_USE);
            }
        }
        assertThat(store.size()).isEqualTo(10);
        assertThat(Files.readAllLines(file).size()).as("3000 claims, compacted").isLessThanOrEqualTo(1025);
        assertThat(new FileReplayStore(file, clock, 10).claim("r299-9", in(30)))
                .as("live ids survive compaction").isEqualTo(ReplayStore.Claim.REPLAYED);
    }

    @Test
    void a_torn_last_line_is_cut_off_and_earlier_ids_stay_used() throws Exception {
        Path file = dir.resolve("replay.log");
        new FileReplayStore(file, clock, 100).claim("jti-1", in(60));
        Files.writeString(file, "17489", StandardCharsets.US_ASCII, StandardOpenOption.APPEND); // crash mid-append

        FileReplayStore restarted = new FileReplayStore(file, clock, 100);
        assertThat(restarted.claim("jti-1", in(60))).isEqualTo(ReplayStore.Claim.REPLAYED);
        assertThat(restarted.claim("jti-2", in(60))).isEqualTo(ReplayStore.Claim.FIRST_USE);
        assertThat(new FileReplayStore(file, clock, 100).claim("jti-2", in(60)))
                .isEqualTo(ReplayStore.Claim.REPLAYED);
    }

    @Test
    void a_corrupt_line_refuses_every_claim() throws Exception {
        Path file = dir.resolve("replay.log");
        new FileReplayStore(file, clock, 100).claim("jti-1", in(60));
        Files.writeString(file, "not a line\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);

        FileReplayStore store = new FileReplayStore(file, clock, 100);
        assertThatThrownBy(() -> store.claim("jti-2", in(60))).isInstanceOf(ReplayStoreException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void an_unusable_file_is_a_store_fault_not_a_first_use() throws Exception {
        Path file = dir.resolve("replay.log");
        Files.createDirectories(file); // a directory where the file should be
        FileReplayStore store = new FileReplayStore(file, clock, 100);
        assertThatThrownBy(() -> store.claim("jti-1", in(60))).isInstanceOf(ReplayStoreException.class);
    }
}
