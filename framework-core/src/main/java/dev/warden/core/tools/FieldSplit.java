package dev.warden.core.tools;

import dev.warden.core.Labels;
import java.util.Map;

/**
 * How a delivered JSON tool result's labels split by field: the labels of its named fields (lower case, as declared
 * with {@link ResultLabels#declareFields} or the descriptor's item labels) and the <em>residual</em>, the labels of
 * the result without those fields. A seam that sends the result to a model not cleared for a field may withhold only
 * that field's values (decision 0069). The residual includes every label a plane raised at {@code TOOL_RESULT}
 * outside the fields or without saying where ({@link dev.warden.core.LabelPlacement}): a finding whose place is not
 * known counts for the whole result.
 *
 * @param fields field name (lower case) → labels of its values
 * @param residual labels of the result without the fields
 */
public record FieldSplit(Map<String, Labels> fields, Labels residual) {
    public FieldSplit {
        fields = Map.copyOf(fields);
        java.util.Objects.requireNonNull(residual, "residual");
    }
}
