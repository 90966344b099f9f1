package dev.warden.core.tools;

import dev.warden.core.Labels;
import dev.warden.core.Verdict;

/**
 * What came back from an executed tool, after the {@code TOOL_RESULT} checkpoint.
 *
 * @param messageForModel text to put in the tool-result message (the result, a redacted result, or a notice that it
 *     was withheld)
 * @param resultVerdict the {@code TOOL_RESULT} verdict
 * @param contentLabels labels of the content that entered the context ({@link Labels#PUBLIC} when withheld)
 * @param toolFailed whether the tool threw or reported an error
 * @param awaiting a callee of the tool waits for the requester's confirmation: nothing was delivered, the caller's
 *     run must suspend and relay it ({@link CalleeConfirmations}); {@code null} otherwise
 * @param split how the delivered result's labels split by JSON field ({@link FieldSplit}), or {@code null}
 */
public record ToolOutcome(String messageForModel, Verdict resultVerdict, Labels contentLabels, boolean toolFailed,
        CalleeConfirmations.Awaiting awaiting, FieldSplit split) {
    /** An outcome without a field split. */
    public ToolOutcome(String messageForModel, Verdict resultVerdict, Labels contentLabels, boolean toolFailed,
            CalleeConfirmations.Awaiting awaiting) {
        this(messageForModel, resultVerdict, contentLabels, toolFailed, awaiting, null);
    }

    /** An outcome with no callee waiting. */
    public ToolOutcome(String messageForModel, Verdict resultVerdict, Labels contentLabels, boolean toolFailed) {
        this(messageForModel, resultVerdict, contentLabels, toolFailed, null);
    }

    /** Whether the result entered the model context. */
    public boolean delivered() {
        return resultVerdict.proceeds();
    }
}
