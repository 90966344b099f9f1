package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The crash tests' harness: a child JVM that appends to a signed JSONL trail is killed with SIGKILL mid-append. */
final class KillNine {
    private KillNine() {}

    /** Opens the trail the way every crash test's child and checker do: signed head, torn tail repaired. */
    static JsonlAuditSink open(Path file) {
        return new JsonlAuditSink(file, JsonlAuditOptions.signed(true, JsonlSignedHeadTest.KEY)
                .withRepairTornTail(true));
    }

    /**
     * Runs {@code main} in a child JVM on {@code file} until it has printed {@code minBytes} of acknowledgements to
     * {@code out} (or 30 s passed), waits {@code extraMillis} more, kills it with SIGKILL and returns its non-empty
     * output lines (the last may be cut by the kill).
     */
    static List<String> runUntilKilled(Class<?> main, Path file, Path out, long minBytes, long extraMillis)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), main.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.size(out) < minBytes && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(5);
        }
        Thread.sleep(extraMillis);
        p.destroyForcibly(); // SIGKILL, while the child is appending
        p.waitFor();
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }

    /**
     * Reopens the trail after a kill: it verifies, and every acknowledged {@code tenant seq hash} line but the last
     * (which the kill may have cut) names a record in the file with that hash.
     */
    static void assertReopenedTrailHoldsAcknowledged(Path file, List<String> acked, String round) throws IOException {
        try (JsonlAuditSink reopened = open(file)) {
            ChainVerification v = reopened.verify();
            assertThat(v.valid()).as(round + ": " + v).isTrue();
            Set<String> stored = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(JsonlGroupCommitTest::parse)
                    .map(r -> r.tenant() + " " + r.seq() + " " + r.hash()).collect(Collectors.toSet());
            assertThat(stored).as(round + ": acknowledged records in the file")
                    .containsAll(acked.subList(0, acked.size() - 1));
        }
    }
}
