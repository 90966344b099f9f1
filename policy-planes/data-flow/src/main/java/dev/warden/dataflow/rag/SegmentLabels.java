package dev.warden.dataflow.rag;

import dev.langchain4j.data.document.Metadata;
import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a retrieved segment's labels from its metadata:
 * <ul>
 *   <li>{@value #CONFIDENTIALITY}: {@code PUBLIC}, {@code INTERNAL}, {@code CONFIDENTIAL} or {@code RESTRICTED}
 *       (absent: {@code PUBLIC});</li>
 *   <li>{@value #CATEGORIES}: comma-separated upper-case identifiers, e.g. {@code PII,FINANCIAL} (absent: none);</li>
 *   <li>{@value #INTEGRITY}: {@code TRUSTED} or {@code UNTRUSTED} (absent: {@code UNTRUSTED}: retrieved text is
 *       untrusted unless the index says otherwise).</li>
 * </ul>
 * Anything else in these keys (an unknown level, a category with spaces or symbols, a non-string value) makes the
 * whole label metadata malformed: the segment then gets {@link #MOST_RESTRICTIVE} and the reason is reported.
 */
public final class SegmentLabels {
    public static final String CONFIDENTIALITY = "warden.confidentiality";
    public static final String CATEGORIES = "warden.categories";
    public static final String INTEGRITY = "warden.integrity";
    /** What a segment with malformed label metadata is labelled. */
    public static final Labels MOST_RESTRICTIVE = new Labels(Confidentiality.RESTRICTED,
            new TreeSet<>(Set.of("MALFORMED_LABELS")), Integrity.UNTRUSTED);
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /** The labels read, and the reason they are {@link #MOST_RESTRICTIVE} when the metadata was malformed. */
    public record Parsed(Labels labels, String malformedReason) {
        public boolean malformed() {
            return malformedReason != null;
        }
    }

    private SegmentLabels() {}

    public static Parsed parse(Metadata metadata) {
        Map<String, Object> m = metadata == null ? Map.of() : metadata.toMap();
        try {
            Confidentiality level = enumValue(m, CONFIDENTIALITY, Confidentiality.class, Confidentiality.PUBLIC);
            Integrity integrity = enumValue(m, INTEGRITY, Integrity.class, Integrity.UNTRUSTED);
            TreeSet<String> categories = new TreeSet<>();
            Object raw = m.get(CATEGORIES);
            if (raw != null) {
                if (!(raw instanceof String s)) {
                    throw new IllegalArgumentException(CATEGORIES + " must be a string");
                }
                for (String c : s.split(",")) {
                    String t = c.trim();
                    if (t.isEmpty()) {
                        continue;
                    }
                    if (!CATEGORY.matcher(t).matches()) {
                        throw new IllegalArgumentException("bad category in " + CATEGORIES);
                    }
                    categories.add(t.toUpperCase(Locale.ROOT));
                }
            }
            return new Parsed(new Labels(level, categories, integrity), null);
        } catch (IllegalArgumentException e) {
            return new Parsed(MOST_RESTRICTIVE, e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, Object> m, String key, Class<E> type, E absent) {
        Object raw = m.get(key);
        if (raw == null) {
            return absent;
        }
        if (!(raw instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown value of " + key);
        }
    }
}
