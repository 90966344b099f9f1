package dev.warden.core.tools;

import dev.warden.core.Decision;
import dev.warden.core.Integrity;
import dev.warden.core.LabelPlacement;
import dev.warden.core.Labels;
import dev.warden.core.PlaneDecision;
import dev.warden.core.Verdict;
import dev.warden.core.provenance.ItemLabels;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a delivered result's {@link FieldSplit} from what the tool declared and what the planes said at
 * {@code TOOL_RESULT} (decision 0069). A plane's raised labels count in the fields it placed them in
 * ({@link LabelPlacement}); labels raised without a place, or with a placement that does not cover them, count for
 * the residual — the whole result. So a finding outside the withheld fields (a tax id typed into {@code notes} next
 * to the {@code ssn} column) keeps its result withheld whole, wherever in the text it sits.
 */
final class ResultFieldSplit {
    private ResultFieldSplit() {}

    /**
     * @param items the tool's item and field labels, or {@code null}
     * @param declared the tool's declared or descriptor labels for the result as a whole, before any field
     * @param verdict the {@code TOOL_RESULT} verdict (it proceeded)
     * @param delivered the labels the result was delivered with
     * @return the split, or {@code null} when there is none: no field, a plane replaced the text, or the split does
     *     not account for the delivered labels
     */
    static FieldSplit of(ItemLabels items, Labels declared, Verdict verdict, Labels delivered) {
        if ((items == null || items.fieldLabels().isEmpty()) && !placed(verdict)) {
            return null; // the common case (no field labelled anywhere): nothing to build, nothing allocated
        }
        Map<String, Labels> fields = new HashMap<>(items == null ? Map.of() : items.fieldLabels());
        Labels accounted = declared;
        for (Labels l : fields.values()) {
            accounted = accounted.join(l);
        }
        Labels residual = declared;
        for (PlaneDecision pd : verdict.decisions()) {
            if (!(pd.decision() instanceof Decision.Transform t)) {
                continue;
            }
            if (t.content() != null) {
                return null; // the text changed after the fields were found: their places no longer hold
            }
            if (t.labels() == null) {
                continue;
            }
            LabelPlacement p = t.placement();
            if (p == null || !covers(accounted.join(p.all()), t.labels())) {
                residual = residual.join(t.labels()); // a place not known: the labels count everywhere
                continue;
            }
            residual = residual.join(p.outside());
            p.fields().forEach((name, l) -> fields.merge(name, l, Labels::join));
        }
        if (fields.isEmpty()) {
            return null;
        }
        Labels all = residual;
        for (Labels l : fields.values()) {
            all = all.join(l);
        }
        return covers(all, delivered) ? new FieldSplit(fields, residual.withIntegrity(delivered.integrity())) : null;
    }

    private static boolean placed(Verdict verdict) {
        for (PlaneDecision pd : verdict.decisions()) {
            if (pd.decision() instanceof Decision.Transform t && t.placement() != null) {
                return true;
            }
        }
        return false;
    }

    /** Level and categories of {@code big} at or above {@code small}'s (integrity is the delivered one anyway). */
    private static boolean covers(Labels big, Labels small) {
        return big.withIntegrity(Integrity.UNTRUSTED).dominates(small);
    }
}
