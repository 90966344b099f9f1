package dev.warden.bench.load;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one measured phase produced: completed runs, failed requests (transport error or a status other than 200),
 * the run statuses the service answered with, and the latency histogram in nanoseconds (open loop: from each
 * request's intended start, so a stalled service is not hidden by the generator waiting for it).
 */
record LoadResult(String mode, long runs, long errors, double seconds, Histogram latencyNanos,
        Map<String, Long> statuses) {

    LoadResult {
        statuses = new TreeMap<>(statuses);
    }

    double runsPerSecond() {
        return runs / seconds;
    }

    /** Latency at {@code percentile} (0–100) in milliseconds. */
    double millis(double percentile) {
        return latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMillis() {
        return latencyNanos.getMaxValue() / 1e6;
    }

    String line() {
        return String.format(Locale.ROOT, "%s: %d runs in %.1f s = %.1f runs/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms, errors %d, statuses %s", mode, runs, seconds, runsPerSecond(), millis(50),
                millis(90), millis(99), maxMillis(), errors, statuses);
    }
}
