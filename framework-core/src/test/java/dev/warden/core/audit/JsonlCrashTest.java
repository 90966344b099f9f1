package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of a process appending from several threads to a signed JSONL trail, five times over: each
 * restart opens the trail (adopting at most the one record the crash left unsigned, or repairing a cut-off line when
 * asked to), verifies it valid, and keeps every record whose append returned.
 */
class JsonlCrashTest {
    @TempDir
    Path dir;

    /** The child process: appends until killed, printing the sequence number of each acknowledged record. */
    public static final class Appender {
        public static void main(String[] args) throws Exception {
            JsonlAuditSink sink = KillNine.open(Path.of(args[0]));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String tenant = "t" + (t % 2);
                Thread thread = new Thread(() -> {
                    for (int i = 0; ; i++) {
                        DecisionRecord r = sink.append(JsonlAuditSinkTest.record(tenant, "run-" + i, "ALLOW"));
                        synchronized (System.out) {
                            System.out.println(tenant + " " + r.seq());
                            System.out.flush();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @Test
    void kill_9_during_appends_never_raises_a_false_tamper_alarm_nor_loses_an_acknowledged_record() throws Exception {
        Path file = dir.resolve("decisions.jsonl");
        for (int round = 0; round < 5; round++) {
            Path out = dir.resolve("acked-" + round);
            List<String> acked = KillNine.runUntilKilled(Appender.class, file, out, 2_000, round * 7L);
            assertThat(acked).as("appender output").allMatch(l -> l.matches("t[01] \\d+") || l.isEmpty());
            try (JsonlAuditSink reopened = KillNine.open(file)) {
                assertThat(reopened.verify().valid()).as("round " + round + ": " + reopened.verify()).isTrue();
                for (String tenant : List.of("t0", "t1")) {
                    long maxAcked = acked.stream().filter(l -> l.startsWith(tenant + " "))
                            .mapToLong(l -> Long.parseLong(l.substring(3))).max().orElse(0);
                    long stored = reopened.query(AuditFilter.all().tenantOf(tenant).limitTo(1)).stream()
                            .mapToLong(DecisionRecord::seq).max().orElse(0);
                    assertThat(stored).as("round " + round + " " + tenant).isGreaterThanOrEqualTo(maxAcked);
                }
            }
        }
    }
}
