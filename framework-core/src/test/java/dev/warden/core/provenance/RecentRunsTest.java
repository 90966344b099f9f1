package dev.warden.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentRunsTest {
    static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    @Test
    void least_recently_touched_run_is_forgotten_first_when_over_the_bound() {
        RecentRuns<List<String>> runs = new RecentRuns<>(3, Duration.ofHours(1));
        runs.touch("a", T0, ArrayList::new).add("a1");
        runs.touch("b", T0.plusSeconds(1), ArrayList::new);
        runs.touch("c", T0.plusSeconds(2), ArrayList::new);
        runs.touch("a", T0.plusSeconds(3), ArrayList::new).add("a2"); // a is now the most recent
        runs.touch("d", T0.plusSeconds(4), ArrayList::new);

        Instant now = T0.plusSeconds(5);
        assertThat(runs.size()).isEqualTo(3);
        assertThat(runs.get("b", now)).isNull();
        assertThat(runs.contains("b")).isFalse();
        assertThat(runs.get("a", now)).containsExactly("a1", "a2");
        assertThat(runs.get("c", now)).isNotNull();
        assertThat(runs.get("d", now)).isNotNull();
    }

    @Test
    void reading_a_run_does_not_keep_it_from_being_forgotten() {
        RecentRuns<List<String>> runs = new RecentRuns<>(2, Duration.ofHours(1));
        runs.touch("a", T0, ArrayList::new);
        runs.touch("b", T0.plusSeconds(1), ArrayList::new);
        assertThat(runs.get("a", T0.plusSeconds(2))).isNotNull();
        runs.touch("c", T0.plusSeconds(3), ArrayList::new);
        assertThat(runs.contains("a")).isFalse();
        assertThat(runs.contains("b")).isTrue();
    }

    @Test
    void a_run_not_touched_within_the_ttl_is_invisible_and_forgotten_before_live_runs() {
        RecentRuns<List<String>> runs = new RecentRuns<>(2, Duration.ofMinutes(30));
        runs.touch("old", T0, ArrayList::new);
        runs.touch("live", T0.plus(Duration.ofMinutes(40)), ArrayList::new);
        Instant now = T0.plus(Duration.ofMinutes(41));
        assertThat(runs.get("old", now)).isNull();
        assertThat(runs.contains("old")).isTrue(); // within the bound nothing is swept

        runs.touch("new", now, ArrayList::new);
        assertThat(runs.contains("old")).isFalse();
        assertThat(runs.get("live", now)).isNotNull();
        assertThat(runs.get("new", now)).isNotNull();
    }

    @Test
    void touching_an_expired_run_that_is_still_remembered_keeps_its_state() {
        RecentRuns<List<String>> runs = new RecentRuns<>(5, Duration.ofMinutes(30));
        runs.touch("a", T0, ArrayList::new).add("seen");
        Instant later = T0.plus(Duration.ofHours(2));
        assertThat(runs.get("a", later)).isNull();
        assertThat(runs.touch("a", later, ArrayList::new)).containsExactly("seen");
        assertThat(runs.get("a", later)).containsExactly("seen");
    }

    @Test
    void concurrent_touches_never_exceed_the_bound() throws Exception {
        int bound = 100;
        RecentRuns<AtomicInteger> runs = new RecentRuns<>(bound, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        runs.touch("t" + thread + "-" + i, T0.plusMillis(i), AtomicInteger::new).incrementAndGet();
                        assertThat(runs.size()).isLessThanOrEqualTo(bound);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs.size()).isEqualTo(bound);
        for (int i = 0; i < bound; i++) { // afterwards the bound holds exactly the newest runs
            runs.touch("after-" + i, T0.plusMillis(6_000 + i), AtomicInteger::new);
        }
        for (int i = 0; i < bound; i++) {
            assertThat(runs.get("after-" + i, T0.plusMillis(7_000))).hasValue(0);
        }
        assertThat(runs.size()).isEqualTo(bound);
    }
}
