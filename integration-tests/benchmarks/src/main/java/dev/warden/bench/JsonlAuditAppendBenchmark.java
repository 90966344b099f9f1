package dev.warden.bench;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.JsonlAuditOptions;
import dev.warden.core.audit.JsonlAuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable appends per second to the embedded JSONL audit trail as the service runs it: fsync on, head signed with an
 * HMAC key, 1, 8 and 32 threads appending concurrently (the file lives in {@code java.io.tmpdir}, i.e. on the disk that
 * directory is on). Each append returns only once its record and the signed head are on disk, so the score is durable
 * records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonlAuditAppendBenchmark {
    private static final byte[] KEY = "benchmark-head-key-32-bytes-long".getBytes(StandardCharsets.UTF_8);

    /** {@code true}: fsync every append (the default); {@code false}: writes reach the page cache only. */
    @Param({"true"})
    public boolean fsync;

    /**
     * {@code lagged}: the signed head forced every 256 records (decision 0047, the default on Linux); {@code
     * every-batch}: forced after every batch, as before (three forced writes per batch).
     */
    @Param({"lagged", "every-batch"})
    public String heads;

    private Path dir;
    private JsonlAuditSink sink;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("warden-jsonl-bench");
        sink = new JsonlAuditSink(dir.resolve("decisions.jsonl"), JsonlAuditOptions.signed(fsync, KEY)
                .withForceEveryHead(heads.equals("every-batch")));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        sink.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static DecisionRecord record(long thread) {
        return new DecisionRecord(null, "tenant-" + (thread % 4), null, null, "2026-12-04T10:00:00Z", null, null,
                "run-" + thread, 1, "TOOL_CALL", "alice", "banking-assistant", List.of(), "send_money", "c1", null,
                Map.of("recipient", "GB29NWBK60161331926819", "amount", 100), null, "ALLOW", null, null,
                List.of("transfers-need-known-recipient"), List.of("banking@4"), List.of(), null, null, 42);
    }

    @Benchmark
    @Threads(1)
    public DecisionRecord append1() {
        return sink.append(record(Thread.currentThread().getId()));
    }

    @Benchmark
    @Threads(8)
    public DecisionRecord append8() {
        return sink.append(record(Thread.currentThread().getId()));
    }

    /**
     * {@code run8} only. {@code record}: every checkpoint of a run waits for its record; {@code effect}: the model
     * responses and the tool result are {@link JsonlAuditSink#appendLinked} and the next checkpoint waits for them
     * (decision 0047).
     */
    @Param({"record"})
    public String durability;

    /**
     * The audit part of one scripted banking run, 8 runs at a time: the seven records of a run with one tool call
     * (MODEL_REQUEST, MODEL_RESPONSE, TOOL_CALL, TOOL_RESULT, MODEL_REQUEST, MODEL_RESPONSE, AGENT_OUTPUT). Score:
     * runs per second that the trail alone allows.
     */
    @Benchmark
    @Threads(8)
    public DecisionRecord run8() {
        long thread = Thread.currentThread().getId();
        boolean effect = durability.equals("effect");
        DecisionRecord last = null;
        for (int i = 0; i < 7; i++) {
            DecisionRecord r = record(thread);
            last = effect && i % 2 == 1 ? sink.appendLinked(r) : sink.append(r); // responses and results deferred
        }
        return last;
    }

    @Benchmark
    @Threads(32)
    public DecisionRecord append32() {
        return sink.append(record(Thread.currentThread().getId()));
    }
}
