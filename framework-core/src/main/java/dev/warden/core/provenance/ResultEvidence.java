package dev.warden.core.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a tool result into {@link Evidence}: one piece per JSON leaf, labelled by the tool's {@link ItemLabels}, or
 * the whole text with the tool's integrity when the tool declares no item labels or the result is not JSON.
 */
final class ResultEvidence {
    /** Leaves beyond this are not recorded one by one; the whole text is recorded instead. */
    static final int MAX_LEAVES = 4096;
    /** Strict: text after the JSON value (an injection appended to a trusted item) makes it not JSON. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The pieces, whether every one of them is trusted, and the join of the declared labels of the fields present
     * ({@link Labels#PUBLIC} when none).
     */
    record Split(List<Evidence> pieces, boolean allTrusted, Labels fieldLabels) {}

    private ResultEvidence() {}

    static Split split(String tool, String text, Integrity toolIntegrity, ItemLabels items, String endorsedVia) {
        Provenance.Kind base = kindOf(toolIntegrity, endorsedVia);
        if (items != null && looksLikeJson(text)) {
            try {
                JsonNode root = JSON.readTree(text);
                List<Evidence> out = new ArrayList<>();
                boolean[] allTrusted = {true};
                Labels[] fields = {Labels.PUBLIC};
                walk(tool, root, null, false, items, base, out, allTrusted, fields);
                if (out.size() <= MAX_LEAVES) { // an empty list carries no content to distrust
                    return new Split(out, allTrusted[0], fields[0]);
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not JSON after all: whole-result labels below
            }
        }
        if (items != null && items.declaresUntrustedFields() && base == Provenance.Kind.TRUSTED) {
            // a record tool whose outside-written fields cannot be told apart: the whole text is untrusted
            base = Provenance.Kind.UNTRUSTED;
        }
        String source = endorsedVia != null && base == Provenance.Kind.ENDORSED ? endorsedVia : tool;
        return new Split(List.of(Evidence.of(source, base, text)), base == Provenance.Kind.TRUSTED, Labels.PUBLIC);
    }

    private static void walk(String path, JsonNode node, String field, boolean trusted, ItemLabels items,
            Provenance.Kind base, List<Evidence> out, boolean[] allTrusted, Labels[] fields) {
        if (out.size() > MAX_LEAVES) {
            return;
        }
        if (node.isObject()) {
            JsonNode origin = items.originField() == null ? null : node.get(items.originField());
            boolean itemTrusted = trusted || items.trustedItem(origin == null || origin.isNull() ? null : origin.asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(path + "." + e.getKey(), e.getValue(), e.getKey(), itemTrusted, items, base, out, allTrusted,
                        fields);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), field, trusted, items, base, out, allTrusted, fields);
            }
        } else if (!node.isNull()) {
            String name = field == null ? null : field.toLowerCase(Locale.ROOT);
            boolean leafTrusted = trusted || (name != null && items.trustedFields().contains(name));
            Provenance.Kind kind = leafTrusted ? Provenance.Kind.TRUSTED
                    : items.untrustedField(name) ? Provenance.Kind.UNTRUSTED : base;
            Labels declared = name == null ? null : items.fieldLabels().get(name);
            if (declared != null) {
                fields[0] = fields[0].join(declared.withIntegrity(dev.warden.core.Integrity.TRUSTED));
            }
            allTrusted[0] &= kind == Provenance.Kind.TRUSTED;
            out.add(Evidence.of(path, kind, node.isNumber() ? node.numberValue() : node.asText()));
        }
    }

    private static Provenance.Kind kindOf(Integrity integrity, String endorsedVia) {
        if (integrity == Integrity.TRUSTED) {
            return Provenance.Kind.TRUSTED;
        }
        return endorsedVia != null ? Provenance.Kind.ENDORSED : Provenance.Kind.UNTRUSTED;
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }
}
