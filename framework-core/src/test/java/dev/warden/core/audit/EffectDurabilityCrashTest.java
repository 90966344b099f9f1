package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0047 under a real {@code kill -9}: 8 threads each run "runs" of two deferred records
 * ({@link JsonlAuditSink#appendLinked}) and a barrier ({@link JsonlAuditSink#append}). Whatever a barrier
 * acknowledged — its own record and the run's deferred ones — is in the reopened trail, which verifies; heads are
 * forced only every {@link JsonlAuditSink#HEAD_LAG_RECORDS} records, yet within one boot the trail reopens under
 * the one-batch rule.
 */
class EffectDurabilityCrashTest {
    @TempDir
    Path dir;

    /** The child: prints {@code tenant seq hash} of the three records of a run once its barrier returned. */
    public static final class Runs {
        public static void main(String[] args) throws Exception {
            JsonlAuditSink sink = KillNine.open(Path.of(args[0]));
            for (int t = 0; t < 8; t++) {
                String tenant = "t" + (t % 3);
                int thread = t;
                new Thread(() -> {
                    for (int i = 0; ; i++) {
                        String run = "run-" + thread + "-" + i;
                        DecisionRecord a = sink.appendLinked(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        DecisionRecord b = sink.appendLinked(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        DecisionRecord c = sink.append(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        synchronized (System.out) {
                            for (DecisionRecord r : List.of(a, b, c)) {
                                System.out.println(tenant + " " + r.seq() + " " + r.hash());
                            }
                            System.out.flush();
                        }
                    }
                }).start();
            }
        }
    }

    /**
     * As {@link Runs}, with work between a run's deferred records and its barrier (as a run's next checkpoint
     * evaluates its planes) and a 2 ms commit delay, so that the flusher's batches wait for runs about to arrive
     * (decision 0065). Also prints {@code # delayed <batches that waited>} every 100 ms.
     */
    public static final class RunsWithWork {
        public static void main(String[] args) throws Exception {
            JsonlAuditSink sink = new JsonlAuditSink(Path.of(args[0]), JsonlAuditOptions.signed(true,
                    JsonlSignedHeadTest.KEY).withRepairTornTail(true).withCommitDelay(Duration.ofMillis(2)));
            for (int t = 0; t < 8; t++) {
                String tenant = "t" + (t % 3);
                int thread = t;
                new Thread(() -> {
                    for (int i = 0; ; i++) {
                        String run = "run-" + thread + "-" + i;
                        DecisionRecord a = sink.appendLinked(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        DecisionRecord b = sink.appendLinked(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        for (long until = System.nanoTime() + 50_000L * (1 + thread % 4); System.nanoTime() < until; ) {
                            Thread.onSpinWait(); // the run's next checkpoint, before its barrier
                        }
                        DecisionRecord c = sink.append(JsonlAuditSinkTest.record(tenant, run, "ALLOW"));
                        synchronized (System.out) {
                            for (DecisionRecord r : List.of(a, b, c)) {
                                System.out.println(tenant + " " + r.seq() + " " + r.hash());
                            }
                            System.out.flush();
                        }
                    }
                }).start();
            }
            for (;;) {
                Thread.sleep(100);
                synchronized (System.out) {
                    System.out.println("# delayed " + sink.commit().stats.delayed.sum());
                    System.out.flush();
                }
            }
        }
    }

    @Test
    void kill_9_while_the_flusher_waits_for_runs_about_to_arrive_keeps_every_acknowledged_record() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        long delayed = 0;
        // every round asserts durability; rounds go on (at most 4) until one saw a writer wait, which depends on timing
        for (int round = 0; round < 4 && (round < 2 || delayed == 0); round++) {
            Path out = dir.resolve("acked-" + round);
            List<String> lines = KillNine.runUntilKilled(RunsWithWork.class, file, out, 8_000, 0);
            for (String l : lines) {
                if (l.matches("# delayed \\d+")) {
                    delayed = Math.max(delayed, Long.parseLong(l.substring(10)));
                }
            }
            List<String> acked = lines.stream().filter(l -> !l.startsWith("#")).toList();
            assertThat(acked).as("child output").isNotEmpty().allMatch(l -> l.matches("t[0-2] \\d+ [0-9a-f]{64}")
                    || acked.indexOf(l) == acked.size() - 1);
            KillNine.assertReopenedTrailHoldsAcknowledged(file, acked, "round " + round);
        }
        // the interleaving this test is about is timing-dependent (on a saturated machine barriers are already queued):
        // report it as not exercised rather than pass or fail on the clock; durability was asserted in every round
        org.junit.jupiter.api.Assumptions.assumeTrue(delayed > 0,
                "no batch's writer waited for runs about to arrive in 4 rounds (machine too busy for the interleaving)");
    }

    @Test
    void kill_9_keeps_every_record_a_barrier_acknowledged_and_the_trail_reopens_verified() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        for (int round = 0; round < 2; round++) {
            Path out = dir.resolve("acked-" + round);
            List<String> acked = KillNine.runUntilKilled(Runs.class, file, out, 8_000, 0);
            assertThat(acked).as("child output").isNotEmpty().allMatch(l -> l.matches("t[0-2] \\d+ [0-9a-f]{64}")
                    || acked.indexOf(l) == acked.size() - 1);
            KillNine.assertReopenedTrailHoldsAcknowledged(file, acked, "round " + round);
        }
    }
}
