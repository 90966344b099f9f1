package dev.warden.core.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of named fields of a JSON text with markers (decision 0069). Fields match by name in any case
 * at any depth; a matched value (scalar, object or array) is replaced whole and nothing inside it is looked at
 * further. The one definition of "a field's values" that the loop (which withholds fields from a model) and a plane
 * (which says where it found labels, {@link dev.warden.core.LabelPlacement}) share.
 *
 * <pre>{@code
 * String sent = FieldRedaction.redact(json, Map.of("ssn", "[withheld: RESTRICTED/PII]")); // null: withhold whole
 * }</pre>
 */
public final class FieldRedaction {
    /** Shortest letters-and-digits form of a withheld value that is also looked for in a reformatted shape. */
    static final int MIN_COMPACT = 6;
    /** Shortest letters-and-digits form of a withheld value that is looked for within one word or number. */
    static final int MIN_TOKEN = 3;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private FieldRedaction() {}

    /**
     * A JSON text with the named fields' values replaced.
     *
     * @param text the re-serialised JSON with each matched value replaced by its field's marker
     * @param removed field name (lower case) → every non-empty scalar and key inside its replaced values
     */
    public record Split(String text, Map<String, List<String>> removed) {}

    /**
     * The text with every value of the named fields replaced by its marker, or {@code null} when the text is not one
     * JSON object or array (trailing tokens and duplicate keys refused), no field matched, or parsing fails.
     *
     * @param markers lower-case field name → marker
     */
    public static Split split(String text, Map<String, String> markers) {
        Tree t = tree(text, markers);
        try {
            return t == null ? null : new Split(JSON.writeValueAsString(t.root()), t.removed());
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** The parsed text with the fields replaced, and what was taken out. */
    private record Tree(JsonNode root, Map<String, List<String>> removed) {}

    private static Tree tree(String text, Map<String, String> markers) {
        if (text == null || markers.isEmpty()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isContainerNode()) {
                return null;
            }
            Map<String, List<String>> removed = new LinkedHashMap<>();
            return walk(root, markers, removed) == 0 ? null : new Tree(root, removed);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * As {@link #split}, and {@code null} — withhold the whole part — also when a named field is not in the text (a
     * declared {@code balance} the JSON spells {@code current_balance} would otherwise go out in clear), or any
     * replaced value (every scalar and key inside it) may still be read in the redacted text. The text is read as a
     * reader would ({@link TextReadings}): as it is, JSON-escaped, and with its backslash, {@code %XX}, HTML
     * character reference and quoted-printable escapes written out, a few layers deep; in each reading a value is
     * looked for as it is, and in another shape — for values of at least {@value #MIN_COMPACT} letters and digits
     * anywhere in the letters and digits of the text (other separators, case, Unicode compatibility forms, split over
     * neighbouring values), for shorter ones of at least {@value #MIN_TOKEN} within one word or number of the text
     * (a number with its digit grouping taken away: {@code 95,000}, {@code 95 000}, {@code 95.000}, {@code 95'000}).
     * A number is also looked for in its plain form. A value copied elsewhere is not knowably gone.
     *
     * @param text the part's content
     * @param markers lower-case field name → marker
     * @return the redacted JSON text, or {@code null} when the part must be withheld whole
     */
    public static String redact(String text, Map<String, String> markers) {
        Tree t = tree(text, markers);
        if (t == null || !t.removed().keySet().containsAll(markers.keySet())) {
            return null; // a field asked for but not found (spelt otherwise?) is not knowably withheld
        }
        try {
            String out = JSON.writeValueAsString(t.root());
            StringBuilder readable = new StringBuilder(out.length());
            readable(t.root(), Set.copyOf(markers.values()), readable);
            Set<String> readings = TextReadings.of(readable.toString());
            if (readings == null) {
                return null; // too many ways to read it: cannot tell
            }
            List<String> compacts = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (String r : readings) {
                compacts.add(TextReadings.compact(r));
                tokens.addAll(TextReadings.tokens(r, MIN_TOKEN));
            }
            for (List<String> values : t.removed().values()) {
                for (String value : values) {
                    String escaped = JSON.writeValueAsString(value);
                    if (out.contains(value) || out.contains(escaped.substring(1, escaped.length() - 1))) {
                        return null;
                    }
                    Set<String> forms = TextReadings.of(value);
                    if (forms == null || anyForm(forms, readings, compacts, tokens)) {
                        return null;
                    }
                }
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** Whether a reading of the value (raw or decoded) can be read in a reading of the redacted text. */
    private static boolean anyForm(Set<String> forms, Set<String> readings, List<String> compacts,
            List<String> tokens) {
        for (String v : forms) {
            for (String r : readings) {
                if (r.contains(v)) {
                    return true;
                }
            }
            String c = TextReadings.compact(v);
            if (c.length() >= MIN_COMPACT) {
                for (String r : compacts) {
                    if (r.contains(c)) {
                        return true;
                    }
                }
            } else if (c.length() >= MIN_TOKEN) {
                for (String token : tokens) {
                    if (token.contains(c)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Every key and scalar of the redacted tree, decoded once by the JSON reader, markers left out; one a line. */
    private static void readable(JsonNode node, Set<String> markers, StringBuilder out) {
        if (node.isContainerNode()) {
            node.fieldNames().forEachRemaining(k -> out.append(k).append('\n'));
            node.elements().forEachRemaining(e -> readable(e, markers, out));
        } else if (!node.isNull() && !(node.isTextual() && markers.contains(node.asText()))) {
            out.append(node.asText()).append('\n');
        }
    }

    /** Letters and digits only, case-folded, after Unicode compatibility normalisation. */
    static String compact(String s) {
        return TextReadings.compact(s);
    }

    private static int walk(JsonNode node, Map<String, String> markers, Map<String, List<String>> removed) {
        int n = 0;
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String key = name.toLowerCase(Locale.ROOT);
                String marker = markers.get(key);
                if (marker != null) {
                    leaves(o.get(name), removed.computeIfAbsent(key, k -> new ArrayList<>()));
                    o.set(name, TextNode.valueOf(marker));
                    n++;
                } else {
                    n += walk(o.get(name), markers, removed);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
                n += walk(it.next(), markers, removed);
            }
        }
        return n;
    }

    /**
     * Every non-empty scalar and key inside {@code node} (null leaves carry nothing); a number also in its plain form
     * ({@code 10000000} for Jackson's {@code 1.0E7}), the way other text spells it.
     */
    private static void leaves(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            node.fieldNames().forEachRemaining(out::add);
            node.elements().forEachRemaining(e -> leaves(e, out));
        } else if (!node.isNull() && !node.asText().isEmpty()) {
            out.add(node.asText());
            if (node.isNumber()) {
                String plain = node.decimalValue().stripTrailingZeros().toPlainString();
                if (!plain.equals(node.asText())) {
                    out.add(plain);
                }
            }
        }
    }
}
