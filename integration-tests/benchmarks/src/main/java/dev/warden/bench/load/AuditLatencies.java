package dev.warden.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Checkpoint latency inside the service, as the audit trail records it ({@code latencyMicros} of each decision
 * record of a JSONL audit file): the first record's (the first call after start) and the percentiles of the records
 * written after {@code skip} lines (the measured phase, after warm-up).
 */
record AuditLatencies(long records, long firstCallMicros, long p50, long p90, long p99, long max) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        long[] values = new long[1024];
        int n = 0;
        long line = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String s = in.readLine(); s != null; s = in.readLine(), line++) {
                if (s.isBlank()) {
                    continue;
                }
                JsonNode latency = JSON.readTree(s).get("latencyMicros");
                if (latency == null) {
                    continue;
                }
                if (first < 0) {
                    first = latency.asLong();
                }
                if (line >= skip) {
                    if (n == values.length) {
                        values = Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = latency.asLong();
                }
            }
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return new AuditLatencies(n, first, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                n == 0 ? -1 : sorted[n - 1]);
    }

    private static long at(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    String line() {
        return String.format(Locale.ROOT, "checkpoint latency (audit latencyMicros, %d records): median %d µs, p90 %d µs,"
                + " p99 %d µs, max %d µs; first call after start %d µs", records, p50, p90, p99, max, firstCallMicros);
    }
}
