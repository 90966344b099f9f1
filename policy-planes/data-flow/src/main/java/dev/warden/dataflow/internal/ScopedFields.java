package dev.warden.dataflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.dataflow.DataFlowConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a structured (JSON) result field by field: into the values of value-scoped fields and the rest (what
 * {@link ValueScopes} records), and into the text of trusted and of untrusted fields (what the provenance ledger
 * records, so an address in a customer's outside-written {@code company} field is untrusted while the record's own
 * {@code email} field stays trusted). A field's labels are the tool's declared field labels
 * ({@code attributes.fieldLabels}) joined with the configured ones ({@code warden.data-flow.field-labels}) and with
 * what the detectors find in the value; a field is untrusted when its declared labels say so, else it has the
 * result's base integrity.
 */
public final class ScopedFields {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @param scoped scoped values by path ({@code [0].ssn}) with their labels; empty when the content is not JSON
     * @param residual labels of the rest: the result's labels before field labels, the labels of the other fields
     *     present and what the detectors find in their values
     * @param plainValues values of the other fields
     * @param trustedText values of trusted fields, one per line
     * @param untrustedText values of untrusted fields, one per line
     */
    public record Split(Map<String, Map.Entry<String, Labels>> scoped, Labels residual, List<String> plainValues,
            String trustedText, String untrustedText) {}

    private ScopedFields() {}

    /** {@code null} when the content cannot be split (not JSON). */
    public static Split split(String content, Labels base, Map<String, Labels> toolFields, DataFlowConfig config,
            ContentLabeler labeler) {
        if (content == null || !JsonText.looksLikeJson(content)
                || content.length() > config.ledger().maxCharsPerEntry() * 16) {
            return null;
        }
        Map<String, Map.Entry<String, Labels>> scoped = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        Labels residual = base;
        StringBuilder rest = new StringBuilder();
        StringBuilder trusted = new StringBuilder();
        StringBuilder untrusted = new StringBuilder();
        try (JsonParser p = JSON.createParser(content)) {
            String field = null;
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName().toLowerCase(Locale.ROOT);
                    rest.append(field).append('\n');
                    Labels declared = labelsOf(field, toolFields, config);
                    if (declared != null && !config.valueScopedFields().contains(field)) {
                        residual = residual.join(declared);
                    }
                } else if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                    String value = p.getValueAsString();
                    Labels own = field == null ? null : toolFields.get(field);
                    boolean outsideWritten = own != null ? own.isUntrusted() : base.isUntrusted();
                    (outsideWritten ? untrusted : trusted).append(value).append(" |\n");
                    if (field != null && config.valueScopedFields().contains(field)) {
                        Labels l = labelsOf(field, toolFields, config);
                        l = (l == null ? Labels.PUBLIC : l).join(labeler.labelsOf(config.detectors().scan(value)));
                        scoped.put("[" + index++ + "]." + field, Map.entry(value, l.withIntegrity(Integrity.TRUSTED)));
                    } else {
                        plain.add(value);
                        rest.append(value).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            return null; // not JSON after all: whole-result labels
        }
        if (!scoped.isEmpty()) {
            residual = residual.join(labeler.labelsOf(config.detectors().scan(rest.toString())));
        }
        return new Split(scoped, residual, plain, trusted.toString(), untrusted.toString());
    }

    private static Labels labelsOf(String field, Map<String, Labels> toolFields, DataFlowConfig config) {
        Labels a = toolFields.get(field);
        Labels b = config.fieldLabels().get(field);
        Labels l = a == null ? b : b == null ? a : a.join(b);
        return l == null ? null : l.withIntegrity(Integrity.TRUSTED);
    }
}
