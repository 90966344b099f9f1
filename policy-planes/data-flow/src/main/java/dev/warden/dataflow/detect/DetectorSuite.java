package dev.warden.dataflow.detect;

import dev.warden.spi.ScreenMemo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs a set of {@link Detector}s over bounded input and resolves overlaps.
 *
 * <h2>Bounds</h2>
 * At most {@link Builder#maxScanChars(int)} characters are scanned (default 1 MiB); the text is scanned in chunks of
 * {@link Builder#chunkChars(int)} that overlap by {@link Builder#overlapChars(int)}, so detectors never see more than
 * one chunk at a time. A longer text is reported as {@link ScanResult#truncated()}; text that looks binary (NUL
 * characters, or more than 10% control or replacement characters in its first 8 KiB) is not scanned and reported as
 * {@link ScanResult#binary()}. Callers treat both as "unknown content" (the data-flow plane labels it restrictively).
 *
 * <h2>Overlaps</h2>
 * Findings below {@link Builder#minConfidence(double)} (default 0.5) are dropped; of overlapping findings the more
 * confident one wins, then the longer one (an IBAN beats the phone number hiding in its digits).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * DetectorSuite suite = DetectorSuite.defaults();
 * ScanResult r = suite.scan("Mail jane.doe@example.com, IBAN DE89 3704 0044 0532 0130 00");
 * r.kinds(); // [EMAIL, IBAN]
 * }</pre>
 */
public final class DetectorSuite {
    public static final int DEFAULT_MAX_SCAN_CHARS = 1 << 20;
    private static final int BINARY_SAMPLE = 8192;

    private final List<Detector> detectors;
    private final int maxScanChars;
    private final int chunkChars;
    private final int overlapChars;
    private final double minConfidence;

    private DetectorSuite(Builder b) {
        if (b.detectors.isEmpty()) {
            throw new IllegalArgumentException("a detector suite needs at least one detector");
        }
        if (b.maxScanChars < 1 || b.chunkChars < 1024 || b.overlapChars < 0 || b.overlapChars >= b.chunkChars / 2) {
            throw new IllegalArgumentException("bad bounds: maxScanChars " + b.maxScanChars + ", chunkChars "
                    + b.chunkChars + ", overlapChars " + b.overlapChars);
        }
        this.detectors = List.copyOf(b.detectors);
        this.maxScanChars = b.maxScanChars;
        this.chunkChars = b.chunkChars;
        this.overlapChars = b.overlapChars;
        this.minConfidence = b.minConfidence;
    }

    /** All built-in detectors, phone numbers read in the US region. */
    public static DetectorSuite defaults() {
        return builder().withDefaults().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Detector> detectors() {
        return detectors;
    }

    public int maxScanChars() {
        return maxScanChars;
    }

    /** Scans {@code text} within the bounds; {@code null} is treated as empty. */
    public ScanResult scan(CharSequence text) {
        return scan(text, null);
    }

    /**
     * {@link #scan(CharSequence)} for a window of a streamed turn: the detectors may find what they parsed before in
     * {@code memo} ({@code null}: no memo). Finds exactly what {@link #scan(CharSequence)} finds.
     */
    public ScanResult scan(CharSequence text, ScreenMemo memo) {
        if (text == null || text.length() == 0) {
            return ScanResult.EMPTY;
        }
        if (looksBinary(text)) {
            return new ScanResult(List.of(), 0, text.length(), false, true);
        }
        int limit = Math.min(text.length(), maxScanChars);
        List<Finding> all = new ArrayList<>();
        int start = 0;
        while (start < limit) {
            int end = safeBoundary(text, Math.min(limit, start + chunkChars));
            boolean last = end >= limit;
            int ownedUntil = last ? end : safeBoundary(text, end - overlapChars);
            CharSequence chunk = text.subSequence(start, end);
            for (Detector d : detectors) {
                for (Finding f : memo == null ? d.detect(chunk) : d.detect(chunk, memo)) {
                    if (f.end() > chunk.length()) {
                        throw new IllegalStateException("detector " + d.name() + " reported a span outside its input");
                    }
                    Finding abs = f.shift(start);
                    if (abs.offset() < ownedUntil && abs.confidence() >= minConfidence) {
                        all.add(abs);
                    }
                }
            }
            start = last ? end : ownedUntil;
        }
        return new ScanResult(resolveOverlaps(all), limit, text.length(), limit < text.length(), false);
    }

    /**
     * Held text of a streamed turn: each detector may parse, into {@code memo}, what later text cannot change
     * ({@link Detector#prepare}). Text longer than one scan chunk, or binary, is left to the scan.
     */
    public void prepare(CharSequence text, ScreenMemo memo) {
        if (text == null || text.length() == 0 || text.length() > chunkChars || looksBinary(text)) {
            return;
        }
        for (Detector d : detectors) {
            d.prepare(text, memo);
        }
    }

    private static List<Finding> resolveOverlaps(List<Finding> findings) {
        List<Finding> ranked = new ArrayList<>(findings);
        ranked.sort(Comparator.comparingDouble(Finding::confidence).reversed()
                .thenComparing(Comparator.comparingInt(Finding::length).reversed())
                .thenComparingInt(Finding::offset));
        // kept spans never overlap, so only the nearest kept span starting before f's end can collide with f
        java.util.TreeMap<Integer, Finding> kept = new java.util.TreeMap<>();
        for (Finding f : ranked) {
            var before = kept.lowerEntry(f.end());
            if (before == null || !before.getValue().overlaps(f)) {
                kept.put(f.offset(), f);
            }
        }
        return new ArrayList<>(kept.values());
    }

    /** Never split a surrogate pair between two chunks. */
    private static int safeBoundary(CharSequence text, int index) {
        return index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }

    static boolean looksBinary(CharSequence text) {
        int n = Math.min(text.length(), BINARY_SAMPLE);
        int suspicious = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return true;
            }
            if ((c < 32 && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD' || (c >= 0x7F && c < 0xA0)) {
                suspicious++;
            }
        }
        return suspicious * 10 > n;
    }

    /** Configures a suite. Not thread-safe; the built suite is. */
    public static final class Builder {
        private final List<Detector> detectors = new ArrayList<>();
        private int maxScanChars = DEFAULT_MAX_SCAN_CHARS;
        private int chunkChars = 64 * 1024;
        private int overlapChars = 8 * 1024;
        private double minConfidence = 0.5;
        private List<String> phoneRegions = List.of("US");

        /** Region in which national phone numbers are read by {@link #withDefaults()}; set it first. */
        public Builder phoneRegion(String region) {
            return phoneRegions(List.of(Objects.requireNonNull(region)));
        }

        /**
         * Regions (ISO 3166, e.g. {@code US}, {@code GB}, {@code DE}) in which national phone numbers are read by
         * {@link #withDefaults()}, in order; set them first. International numbers are found whatever the regions.
         */
        public Builder phoneRegions(List<String> regions) {
            this.phoneRegions = List.copyOf(regions);
            return this;
        }

        /** Adds every built-in detector. */
        public Builder withDefaults() {
            detectors.addAll(List.of(new EmailDetector(), new PhoneDetector(phoneRegions), new IbanDetector(),
                    new PaymentCardDetector(), new NationalIdDetector(), new SecretDetector(),
                    new PrivateKeyDetector(), new JwtDetector()));
            return this;
        }

        public Builder detector(Detector detector) {
            detectors.add(Objects.requireNonNull(detector, "detector"));
            return this;
        }

        public Builder maxScanChars(int value) {
            this.maxScanChars = value;
            return this;
        }

        public Builder chunkChars(int value) {
            this.chunkChars = value;
            return this;
        }

        public Builder overlapChars(int value) {
            this.overlapChars = value;
            return this;
        }

        public Builder minConfidence(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("minConfidence must be within [0, 1]: " + value);
            }
            this.minConfidence = value;
            return this;
        }

        public DetectorSuite build() {
            return new DetectorSuite(this);
        }
    }
}
