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
        return split(tool, text, toolIntegrity, items, endorsedVia, null);
    }

    /**
     * As {@link #split(String, String, Integrity, ItemLabels, String)}; {@code request} (as typed, may be null) is
     * the user's request, which may name the authors of items ({@link ItemLabels#authorFields()}).
     */
    static Split split(String tool, String text, Integrity toolIntegrity, ItemLabels items, String endorsedVia,
            String request) {
        Provenance.Kind base = kindOf(toolIntegrity, endorsedVia);
        if (items != null && looksLikeJson(text)) {
            try {
                JsonNode root = JSON.readTree(text);
                List<Evidence> out = new ArrayList<>();
                boolean[] allTrusted = {true};
                Labels[] fields = {Labels.PUBLIC};
                new Walk(items, base, request, out, allTrusted, fields).walk(tool, root, null, false, null);
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
        // fields that cannot be found (not JSON, too many leaves) may be anywhere in the text: all of them count
        Labels fields = Labels.PUBLIC;
        if (items != null) {
            for (Labels l : items.fieldLabels().values()) {
                fields = fields.join(l.withIntegrity(Integrity.TRUSTED));
            }
        }
        return new Split(List.of(Evidence.of(source, base, text)), base == Provenance.Kind.TRUSTED, fields);
    }

    /** One pass over a JSON result. */
    private record Walk(ItemLabels items, Provenance.Kind base, String request, List<Evidence> out,
            boolean[] allTrusted, Labels[] fields) {

        void walk(String path, JsonNode node, String field, boolean trusted, String author) {
            if (out.size() > MAX_LEAVES) {
                return;
            }
            if (node.isObject()) {
                JsonNode origin = items.originField() == null ? null : node.get(items.originField());
                boolean itemTrusted = trusted
                        || items.trustedItem(origin == null || origin.isNull() ? null : origin.asText());
                String own = namedAuthor(node); // a nested item's own author decides, not the enclosing item's
                String by = own != null ? own : author;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    walk(path + "." + e.getKey(), e.getValue(), e.getKey(), itemTrusted, by);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(path + "[" + i + "]", node.get(i), field, trusted, author);
                }
            } else if (!node.isNull()) {
                String name = field == null ? null : field.toLowerCase(Locale.ROOT);
                boolean leafTrusted = trusted || (name != null && items.trustedFields().contains(name));
                Provenance.Kind kind = leafTrusted ? Provenance.Kind.TRUSTED
                        : items.untrustedField(name) ? Provenance.Kind.UNTRUSTED : base;
                if (author != null && author.isEmpty() && kind == Provenance.Kind.ENDORSED) {
                    // in a channel or inbox the user named, a message by someone the user did not name stays
                    // untrusted: naming the place is not naming everyone who writes there
                    kind = Provenance.Kind.UNTRUSTED;
                }
                // a field the tool declares untrusted (quoted or forwarded text) stays untrusted whoever wrote the item
                boolean byNamed = author != null && !author.isEmpty() && (kind == Provenance.Kind.ENDORSED
                        || (kind == Provenance.Kind.UNTRUSTED && !items.untrustedField(name)));
                Labels declared = name == null ? null : items.fieldLabels().get(name);
                if (declared != null) {
                    fields[0] = fields[0].join(declared.withIntegrity(Integrity.TRUSTED));
                }
                allTrusted[0] &= kind == Provenance.Kind.TRUSTED;
                Object value = node.isNumber() ? node.numberValue() : node.asText();
                out.add(byNamed ? Evidence.of(path + " (written by " + author + ", named in the user's request)",
                        Provenance.Kind.ENDORSED, value, true) : Evidence.of(path, kind, value));
            }
        }

        /**
         * The author of this item when the request names them; {@code ""} for an item with an author the request
         * does not name; {@code null} for an object without author fields.
         */
        private String namedAuthor(JsonNode item) {
            if (items.authorFields().isEmpty()) {
                return null;
            }
            String found = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (items.authorFields().contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    if (request == null || !e.getValue().isTextual()
                            || !ValueForms.named(request, e.getValue().asText())) {
                        return ""; // every author field must name someone the request names
                    }
                    found = e.getValue().asText();
                }
            }
            return found;
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
