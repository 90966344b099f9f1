package dev.warden.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checkpoint latency inside the service, as the audit trail records it ({@code latencyMicros} of each decision
 * record of a JSONL audit file): the first record's (the first call after start) and the percentiles of the records
 * written after {@code skip} lines (the measured phase, after warm-up), overall and broken down by checkpoint, and
 * for {@code TOOL_CALL}/{@code TOOL_RESULT} by tool and outcome ({@link #breakdown()}).
 */
record AuditLatencies(long records, long firstCallMicros, long p50, long p90, long p99, long max,
        List<Group> breakdown) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The latencies of one checkpoint, or of one tool and outcome at a tool checkpoint. */
    record Group(String name, long records, long p50, long p90, long p99, long max) {
        static Group of(String name, Samples s) {
            long[] sorted = s.sorted();
            return new Group(name, sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                    sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        }

        String line() {
            return String.format(Locale.ROOT, "%-52s %7d  %6d %6d %6d %7d", name, records, p50, p90, p99, max);
        }
    }

    static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    static AuditLatencies read(Path file, long skip) throws IOException {
        long first = -1;
        Samples all = new Samples();
        Map<String, Samples> groups = new TreeMap<>();
        long line = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String s = in.readLine(); s != null; s = in.readLine(), line++) {
                if (s.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(s);
                JsonNode latency = record.get("latencyMicros");
                if (latency == null) {
                    continue;
                }
                if (first < 0) {
                    first = latency.asLong();
                }
                if (line >= skip) {
                    all.add(latency.asLong());
                    for (String g : groupsOf(record)) {
                        groups.computeIfAbsent(g, k -> new Samples()).add(latency.asLong());
                    }
                }
            }
        }
        List<Group> breakdown = new ArrayList<>();
        groups.forEach((name, samples) -> breakdown.add(Group.of(name, samples)));
        Group overall = Group.of("all", all);
        return new AuditLatencies(overall.records(), first, overall.p50(), overall.p90(), overall.p99(),
                overall.max(), List.copyOf(breakdown));
    }

    /** The checkpoint, and for a tool checkpoint also {@code CHECKPOINT tool OUTCOME}. */
    static List<String> groupsOf(JsonNode record) {
        String checkpoint = record.path("checkpoint").asText("?");
        JsonNode tool = record.get("tool");
        if (tool == null || tool.isNull() || !checkpoint.startsWith("TOOL_")) {
            return List.of(checkpoint);
        }
        return List.of(checkpoint, checkpoint + "  " + tool.asText() + " " + record.path("outcome").asText("?"));
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    String line() {
        return String.format(Locale.ROOT, "checkpoint latency (audit latencyMicros, %d records): median %d µs, p90 %d µs,"
                + " p99 %d µs, max %d µs; first call after start %d µs", records, p50, p90, p99, max, firstCallMicros);
    }

    /** One line per checkpoint (and tool, outcome), µs: records, median, p90, p99, max. */
    String table(String indent) {
        StringBuilder sb = new StringBuilder(indent).append(String.format(Locale.ROOT,
                "%-52s %7s  %6s %6s %6s %7s%n", "by checkpoint (µs)", "records", "p50", "p90", "p99", "max"));
        for (Group g : breakdown) {
            sb.append(indent).append(g.line()).append('\n');
        }
        return sb.toString();
    }

    /** A growable array of latencies. */
    static final class Samples {
        private long[] values = new long[256];
        private int n;

        void add(long v) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(values, n);
            Arrays.sort(s);
            return s;
        }
    }
}
