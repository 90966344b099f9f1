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
 * A real {@code kill -9} of a process whose 8 threads append concurrently (so the sink writes batches), three times
 * over: after each crash the reopened trail verifies against its signed head, and every record whose append returned
 * is in the file with the hash that was returned for it.
 */
class JsonlGroupCommitCrashTest {
    @TempDir
    Path dir;

    /** The child process: 8 threads append until killed, printing {@code tenant seq hash} of each acknowledgement. */
    public static final class Appender {
        public static void main(String[] args) throws Exception {
            JsonlAuditSink sink = new JsonlAuditSink(Path.of(args[0]), JsonlAuditOptions.signed(true,
                    JsonlSignedHeadTest.KEY).withRepairTornTail(true));
            for (int t = 0; t < 8; t++) {
                String tenant = "t" + (t % 3);
                new Thread(() -> {
                    for (int i = 0; ; i++) {
                        DecisionRecord r = sink.append(JsonlAuditSinkTest.record(tenant, "run-" + i, "ALLOW"));
                        synchronized (System.out) {
                            System.out.println(tenant + " " + r.seq() + " " + r.hash());
                            System.out.flush();
                        }
                    }
                }).start();
            }
        }
    }

    @Test
    void kill_9_under_concurrent_appends_keeps_every_acknowledged_record_and_a_verifiable_chain() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        for (int round = 0; round < 3; round++) {
            Path out = dir.resolve("acked-" + round);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Appender.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Files.size(out) < 6_000 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(5);
            }
            Thread.sleep(round * 11L);
            p.destroyForcibly(); // SIGKILL, while the threads are appending
            p.waitFor();
            List<String> acked = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty()).toList();
            assertThat(acked).as("appender output").isNotEmpty()
                    .allMatch(l -> l.matches("t[0-2] \\d+ [0-9a-f]{64}"));
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
