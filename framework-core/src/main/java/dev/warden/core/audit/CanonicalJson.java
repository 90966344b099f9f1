package dev.warden.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON (object keys sorted recursively, no whitespace) and SHA-256 digests over it. Writer and verifier
 * both hash the parsed tree, so a record hashes the same before it is written and after it is read back.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Writes records, maps and lists with keys already in canonical order, without building a tree. Record components
     * are sorted too ({@code SORT_CREATOR_PROPERTIES_FIRST} would otherwise keep declaration order), and a record's
     * null {@code hash} is omitted, which is the form the chain hashes.
     */
    private static final ObjectMapper SORTING = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(com.fasterxml.jackson.databind.MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(DecisionRecord.class, UnsignedRecord.class)
            .build();

    /** As {@link #SORTING}, keeping a record's {@code hash}: the stored line of a chained record. */
    private static final ObjectMapper SORTING_LINES = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(com.fasterxml.jackson.databind.MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "hash", allowGetters = false)
    private abstract static class UnsignedRecord {}

    /**
     * Canonical JSON of a chained record without its {@code hash} (ignored if set) — the text the chain hashes — in
     * one serialisation pass. Falls back to the tree path when the record's arguments hold anything but plain JSON
     * values (JSON trees, BigDecimal, dates...). Equal, by property test, to the text the verifier rebuilds from the
     * stored line.
     */
    static String writeForHash(DecisionRecord record) {
        CanonicalRecordWriter.Encoded encoded = CanonicalRecordWriter.encode(record);
        if (encoded != null) {
            return new String(encoded.bytes(), StandardCharsets.UTF_8);
        }
        if (holdsTrees(record.args())) {
            ObjectNode tree = (ObjectNode) tree(record);
            tree.remove("hash");
            // Round trip: hash the text as the verifier will rebuild it from the stored line. A BigDecimal 1E+7,
            // say, is read back as the double 1.0E7; hashing the first form made such records read as tampered.
            // read back from UTF-8, as the verifier reads the file: a lone surrogate is '?' there, and a key
            // holding one sorts by that
            return readBack(write(tree));
        }
        try {
            return SORTING.writeValueAsString(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The stored line of {@code linked}, a chained record, from {@code hashText}, the text its hash was computed over
     * ({@link #writeForHash}): that text with {@code "hash":"…"} put in at its sorted place, which is exactly what
     * {@link #write(Object)} writes (property-tested) without serialising the record again. Top-level keys are sorted
     * and null ones omitted, so the hash goes before the first present key after {@code hash}: {@code labelsAfter},
     * {@code labelsBefore} or the always present {@code latencyMicros} (a test pins this against the record's
     * components). Nothing after those keys holds caller-chosen keys, so the last occurrence of the key in the text is
     * the top-level one. Null when the record took the tree path, or the place is not found: write the record then.
     */
    static String lineOf(DecisionRecord linked, String hashText) {
        if (linked.hash() == null || holdsTrees(linked.args())) {
            return null;
        }
        String next = linked.labelsAfter() != null ? ",\"labelsAfter\":"
                : linked.labelsBefore() != null ? ",\"labelsBefore\":" : ",\"latencyMicros\":";
        int at = hashText.lastIndexOf(next);
        if (at < 0) {
            return null;
        }
        return new StringBuilder(hashText.length() + linked.hash().length() + 10).append(hashText, 0, at)
                .append(",\"hash\":\"").append(linked.hash()).append('"').append(hashText, at, hashText.length())
                .toString();
    }

    /** Whether {@code value} holds anything the one-pass writer may not write exactly as the tree path would. */
    private static boolean holdsTrees(Object value) {
        if (value instanceof JsonNode) {
            return true;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                // a key holding a surrogate reads back from UTF-8 as '?', and two such keys may read back alike: the
                // tree path writes what the verifier reads back (see readBack)
                if (!(e.getKey() instanceof String k) || CanonicalRecordWriter.hasSurrogate(k)
                        || holdsTrees(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Iterable<?> it) {
            for (Object o : it) {
                if (holdsTrees(o)) {
                    return true;
                }
            }
            return false;
        }
        // scalars whose text the tree path writes identically; BigDecimal (normalised in trees), BigInteger, Float
        // and anything else take the tree path
        return value != null && !(value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof Short
                || value instanceof Byte);
    }

    /**
     * {@code line} as the verifier reads it back from a UTF-8 file, written canonically: a lone surrogate is {@code ?},
     * and of two keys that read back alike (\"a\uD800\" and \"a\uD801\") the last is kept, as the verifier's reader
     * would keep it had the line held both (it refuses a line that does, decision 0057). For records whose arguments
     * hold such keys the stored line is this text, so that it holds each key once and verifies.
     */
    static String readBack(String line) {
        try {
            return write(MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a map key anywhere in {@code value} holds a UTF-16 surrogate. */
    static boolean surrogateKeys(Object value) {
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey() instanceof String k && CanonicalRecordWriter.hasSurrogate(k)
                        || surrogateKeys(e.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof Iterable<?> it) {
            for (Object o : it) {
                if (surrogateKeys(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Canonical JSON of a value. Decision records are written by {@link CanonicalRecordWriter} where it can; other
     * records, maps and lists of plain JSON values (strings, integral numbers,
     * doubles, booleans, null; string keys) are written in one pass with keys sorted, which is the same text as
     * {@code write(tree(value))} (property-tested) without building and sorting a tree; anything else takes the tree
     * path.
     */
    public static String write(Object value) {
        CanonicalRecordWriter.Encoded encoded = value instanceof DecisionRecord r ? CanonicalRecordWriter.encode(r)
                : null;
        if (encoded != null) {
            String hash = ((DecisionRecord) value).hash();
            return new String(hash == null ? encoded.bytes() : encoded.line(hash, false), StandardCharsets.UTF_8);
        }
        if (value instanceof DecisionRecord r && surrogateKeys(r.args())) { // each key once, as hashed (0057)
            return readBack(write(tree(value)));
        }
        if (value instanceof DecisionRecord r ? !holdsTrees(r.args())
                : (value instanceof Map<?, ?> || value instanceof List<?>) && !holdsTrees(value)) {
            try {
                return SORTING_LINES.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return write(tree(value));
    }

    /** A new SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public static String sha256Hex(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Digest of a value's canonical JSON, or {@code null} for null/empty values. */
    public static String digest(Object value) {
        if (value == null || (value instanceof Map<?, ?> m && m.isEmpty())) {
            return null;
        }
        return sha256Hex(write(value));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                out.set(n, sorted(obj.get(n)));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : arr) {
                out.add(sorted(e));
            }
            return out;
        }
        return node;
    }
}
