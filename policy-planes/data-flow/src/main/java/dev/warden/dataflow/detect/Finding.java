package dev.warden.dataflow.detect;

import java.util.Objects;

/**
 * One sensitive span found by a {@link Detector}.
 *
 * @param kind what was found, e.g. {@link SensitiveKinds#IBAN}; upper-case identifier, custom kinds allowed
 * @param offset index of the first character of the span in the scanned text
 * @param length number of characters of the span (at least 1)
 * @param confidence how sure the detector is, from 0 (guess) to 1 (certain, e.g. a checksum passed)
 */
public record Finding(String kind, int offset, int length, double confidence) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("finding kind must not be blank");
        }
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("bad span: offset " + offset + ", length " + length);
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]: " + confidence);
        }
    }

    /** Index just past the last character of the span. */
    public int end() {
        return offset + length;
    }

    /** The same finding moved by {@code delta} characters (used when scanning in chunks). */
    public Finding shift(int delta) {
        return delta == 0 ? this : new Finding(kind, offset + delta, length, confidence);
    }

    public boolean overlaps(Finding other) {
        return offset < other.end() && other.offset < end();
    }

    /** The text of the span in {@code text}, which must be the text that was scanned. */
    public String valueIn(CharSequence text) {
        return text.subSequence(offset, end()).toString();
    }
}
