package dev.warden.core;

import java.util.Objects;

/**
 * A value whose labels are bound to the value itself rather than to the whole content it sits in: a tax id in a
 * record, the HR remark in a callee's answer. A data-flow plane that tracks such values decides an egress on the
 * values that actually appear in what is sent ({@link FlowLabels}).
 *
 * @param value the value as it appears in the content
 * @param labels its labels
 */
public record LabelledValue(String value, Labels labels) {
    public LabelledValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(labels, "labels");
    }
}
