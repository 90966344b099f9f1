package dev.warden.core.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces the values of named fields of a JSON text with markers (decision 0069), or says it cannot be done safely.
 * Fields match by name in any case at any depth; a matched value (scalar, object or array) is replaced whole. The
 * result is {@code null} — withhold the whole part — when the text is not one JSON object or array, no field matched,
 * or any replaced value (every scalar inside it) still appears anywhere in the redacted text, raw or JSON-escaped: a
 * value copied into another field, a key or a marker is not knowably gone.
 */
final class FieldRedaction {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private FieldRedaction() {}

    /**
     * @param text the part's content
     * @param markers lower-case field name → marker
     * @return the redacted JSON text, or {@code null} when the part must be withheld whole
     */
    static String redact(String text, Map<String, String> markers) {
        if (text == null || markers.isEmpty()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isContainerNode()) {
                return null;
            }
            List<String> removed = new ArrayList<>();
            int replaced = walk(root, markers, removed);
            if (replaced == 0) {
                return null;
            }
            String out = JSON.writeValueAsString(root);
            for (String v : removed) {
                String escaped = JSON.writeValueAsString(v);
                if (out.contains(v) || out.contains(escaped.substring(1, escaped.length() - 1))) {
                    return null;
                }
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static int walk(JsonNode node, Map<String, String> markers, List<String> removed) {
        int n = 0;
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String marker = markers.get(name.toLowerCase(Locale.ROOT));
                if (marker != null) {
                    leaves(o.get(name), removed);
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

    /** Every non-empty scalar inside {@code node} (null leaves carry nothing). */
    private static void leaves(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            node.fieldNames().forEachRemaining(k -> out.add(k));
            node.elements().forEachRemaining(e -> leaves(e, out));
        } else if (!node.isNull() && !node.asText().isEmpty()) {
            out.add(node.asText());
        }
    }
}
