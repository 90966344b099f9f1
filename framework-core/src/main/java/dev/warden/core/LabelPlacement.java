package dev.warden.core;

import java.util.Map;
import java.util.Objects;

/**
 * Where the labels a plane joins into a JSON result lie (decision 0069): in the values of named fields, or outside
 * them. A plane that raises a result's labels at {@code TOOL_RESULT} and can say where its findings are attaches
 * this to its {@link Decision.Transform}; the tool executor then keeps the result's labels split by field, and a
 * model not cleared for a field may be sent the result with only that field's values withheld.
 *
 * <p>Contract: {@code fields} names fields (lower case) as {@link dev.warden.core.tools.FieldRedaction} finds them —
 * by name in any case at any depth, a matched value whole; {@code fields.get(f)} bounds what the plane found in the
 * values of every field named {@code f}, and {@code outside} bounds what it found in the text with all those values
 * removed (keys, other fields, everything else). The transform's labels must lie below
 * {@code outside ⊔ ⋁ fields}; a placement that does not is ignored and the labels count everywhere (fail closed). A
 * transform without a placement raises labels whose place is unknown: they count for the whole result.
 *
 * <pre>{@code
 * new Decision.Transform(null, null, found, "content labelled " + found, basis,
 *         new LabelPlacement(Map.of("ssn", Labels.of(RESTRICTED, "PII")), Labels.PUBLIC));
 * }</pre>
 *
 * @param fields field name (lower case) → labels of what was found in that field's values
 * @param outside labels of what was found outside every named field
 */
public record LabelPlacement(Map<String, Labels> fields, Labels outside) {
    public LabelPlacement {
        fields = Map.copyOf(fields);
        Objects.requireNonNull(outside, "outside");
    }

    /** The join of everything placed: {@code outside ⊔ ⋁ fields}. */
    public Labels all() {
        Labels out = outside;
        for (Labels l : fields.values()) {
            out = out.join(l);
        }
        return out;
    }
}
