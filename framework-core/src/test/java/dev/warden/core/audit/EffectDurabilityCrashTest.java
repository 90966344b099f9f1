package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            JsonlAuditSink sink = new JsonlAuditSink(Path.of(args[0]), JsonlAuditOptions.signed(true,
                    JsonlSignedHeadTest.KEY).withRepairTornTail(true));
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

    @Test
    void kill_9_keeps_every_record_a_barrier_acknowledged_and_the_trail_reopens_verified() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        for (int round = 0; round < 2; round++) {
            Path out = dir.resolve("acked-" + round);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Runs.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.size(out) < 8_000 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(5);
            }
            p.destroyForcibly(); // SIGKILL while runs are appending
            p.waitFor();
            List<String> acked = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty()).toList();
            assertThat(acked).as("child output").isNotEmpty().allMatch(l -> l.matches("t[0-2] \\d+ [0-9a-f]{64}")
                    || acked.indexOf(l) == acked.size() - 1);
            try (JsonlAuditSink reopened = new JsonlAuditSink(file, JsonlAuditOptions.signed(true,
                    JsonlSignedHeadTest.KEY).withRepairTornTail(true))) {
                ChainVerification v = reopened.verify();
                assertThat(v.valid()).as("round " + round + ": " + v).isTrue();
                Set<String> stored = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank()).map(JsonlGroupCommitTest::parse)
                        .map(r -> r.tenant() + " " + r.seq() + " " + r.hash()).collect(Collectors.toSet());
                assertThat(stored).as("round " + round + ": acknowledged records in the file")
                        .containsAll(acked.subList(0, acked.size() - 1)); // the last line may be cut by the kill
            }
        }
    }
}
