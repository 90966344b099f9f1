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
            JsonlAuditSink sink = KillNine.open(Path.of(args[0]));
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
            List<String> acked = KillNine.runUntilKilled(Appender.class, file, out, 6_000, round * 11L);
            assertThat(acked).as("appender output").isNotEmpty()
                    .allMatch(l -> l.matches("t[0-2] \\d+ [0-9a-f]{64}"));
            KillNine.assertReopenedTrailHoldsAcknowledged(file, acked, "round " + round);
        }
    }
}
