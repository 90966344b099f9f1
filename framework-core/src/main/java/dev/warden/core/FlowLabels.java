package dev.warden.core;

import dev.warden.spi.FlowLabeller;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The labels of what actually flows out of a run in one piece of content (a delegated task, an agent's answer), as
 * opposed to the run's context label (everything the run has seen). A delegation uses it both ways (decision 0029):
 * the callee starts at the labels of its task, and the caller receives the callee's answer labelled by what the
 * answer holds, with the values whose labels are bound to them ({@link #values()}) so the caller's own later egress
 * stays value-scoped.
 *
 * @param labels what the content carries: {@code base} joined with the labels of {@code values}
 * @param base the labels of the content apart from {@code values}
 * @param values values in the content whose labels are bound to them
 */
public record FlowLabels(Labels labels, Labels base, List<LabelledValue> values) {
    public FlowLabels {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(base, "base");
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Content labelled as a whole: no value carries labels of its own. */
    public static FlowLabels whole(Labels labels) {
        return new FlowLabels(labels, labels, List.of());
    }

    /**
     * Asks every plane of {@code governor} that is a {@link FlowLabeller}: the join of their answers, with the run's
     * integrity (what a model of an untrusted run writes stays untrusted). No such plane, or one that answers
     * {@code null} or throws: the run's whole context label.
     */
    public static FlowLabels of(Governor governor, GovernanceContext context, String content, String userInput) {
        Labels ctx = context.labels();
        Labels base = null;
        List<LabelledValue> values = new ArrayList<>();
        for (PolicyPlane plane : governor.planes()) {
            if (plane instanceof FlowLabeller f) {
                FlowLabels answer;
                try {
                    answer = f.flowOf(context, content == null ? "" : content, userInput);
                } catch (RuntimeException e) {
                    answer = null;
                }
                if (answer == null) {
                    return whole(ctx);
                }
                base = base == null ? answer.base() : base.join(answer.base());
                values.addAll(answer.values());
            }
        }
        if (base == null) {
            return whole(ctx);
        }
        base = base.withIntegrity(ctx.integrity());
        Labels all = base;
        for (LabelledValue v : values) {
            all = all.join(v.labels().withIntegrity(ctx.integrity()));
        }
        return new FlowLabels(all, base, values);
    }
}
