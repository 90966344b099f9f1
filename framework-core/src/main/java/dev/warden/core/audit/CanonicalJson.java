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

    public static String write(Object value) {
        return write(tree(value));
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
