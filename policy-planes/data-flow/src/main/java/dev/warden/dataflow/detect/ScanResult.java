package dev.warden.dataflow.detect;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link DetectorSuite} found in one text.
 *
 * @param findings non-overlapping findings at or above the suite's confidence threshold, by offset
 * @param scannedChars how many characters were scanned
 * @param totalChars length of the text
 * @param truncated {@code true} when the text was longer than the scan limit, so its tail was not scanned
 * @param binary {@code true} when the text looks like binary data and was not scanned at all
 */
public record ScanResult(List<Finding> findings, int scannedChars, int totalChars, boolean truncated, boolean binary) {

    public ScanResult {
        findings = List.copyOf(findings);
    }

    public static final ScanResult EMPTY = new ScanResult(List.of(), 0, 0, false, false);

    /** The distinct kinds found, sorted. */
    public Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        findings.forEach(f -> kinds.add(f.kind()));
        return kinds;
    }

    /** Whether some of the text was not looked at (binary, or beyond the scan limit). */
    public boolean incomplete() {
        return truncated || binary;
    }
}
