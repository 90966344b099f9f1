package dev.warden.delegation;

import dev.warden.core.LabelledValue;
import dev.warden.core.Labels;
import dev.warden.core.Verdict;
import java.util.List;

/**
 * The result of one governed delegation, as seen by the caller.
 *
 * @param delivered whether the callee ran and its result passed {@code DELEGATION_RESULT} into the caller's context
 * @param completed whether the callee's run completed (a delivered result may be the callee's refusal notice)
 * @param output text for the caller: the callee's output, or why there is none
 * @param labels labels the caller's context must join (the callee's final labels as admitted at
 *     {@code DELEGATION_RESULT}); {@link Labels#PUBLIC} when nothing was delivered
 * @param code stable code when not completed
 * @param delegation the {@code DELEGATION} verdict (or the runtime's refusal)
 * @param result the {@code DELEGATION_RESULT} verdict, {@code null} when the callee never ran
 * @param callee what the callee returned, {@code null} when it never ran
 * @param base the labels of {@code output} apart from {@code values}
 * @param values values in {@code output} whose labels are bound to them (decision 0029); the caller keeps them
 *     value-scoped ({@link dev.warden.core.CheckpointAttributes#VALUE_LABELS})
 */
public record DelegationOutcome(boolean delivered, boolean completed, String output, Labels labels, String code,
        Verdict delegation, Verdict result, DelegatedRun callee, Labels base, List<LabelledValue> values) {

    public DelegationOutcome {
        values = values == null ? List.of() : List.copyOf(values);
        base = values.isEmpty() || base == null ? labels : base;
    }

    /** An output labelled as a whole. */
    public DelegationOutcome(boolean delivered, boolean completed, String output, Labels labels, String code,
            Verdict delegation, Verdict result, DelegatedRun callee) {
        this(delivered, completed, output, labels, code, delegation, result, callee, null, List.of());
    }

    static DelegationOutcome refused(Verdict v) {
        return new DelegationOutcome(false, false, "Delegation refused" + (v.code() == null ? "" : " [" + v.code()
                + "]") + ": " + v.reason(), Labels.PUBLIC, v.code(), v, null, null);
    }
}
