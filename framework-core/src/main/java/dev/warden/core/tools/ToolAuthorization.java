package dev.warden.core.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.core.RefusalFeedback;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import java.util.Map;

/**
 * The outcome of the {@code TOOL_CALL} checkpoint for one requested call. Only {@link GovernedToolExecutor} creates
 * authorizations, and it only executes those that are {@link #permitted()}: allowed (possibly with transformed
 * arguments) by the planes, or approved by a human.
 */
public final class ToolAuthorization {
    private final ToolExecutionRequest call;
    private final ToolDescriptor tool;
    private final Map<String, Object> effectiveArguments;
    private final Verdict verdict;
    private final String approvedBy;
    private final dev.warden.core.CheckpointRequest request;
    private CalleeConfirmations.Answer relayedAnswer;

    ToolAuthorization(ToolExecutionRequest call, ToolDescriptor tool, Map<String, Object> effectiveArguments,
            Verdict verdict, String approvedBy) {
        this(call, tool, effectiveArguments, verdict, approvedBy, verdict == null ? null : verdict.effectiveRequest());
    }

    ToolAuthorization(ToolExecutionRequest call, ToolDescriptor tool, Map<String, Object> effectiveArguments,
            Verdict verdict, String approvedBy, dev.warden.core.CheckpointRequest request) {
        this.request = request;
        this.call = call;
        this.tool = tool;
        this.effectiveArguments = effectiveArguments == null ? Map.of() : effectiveArguments;
        this.verdict = verdict;
        this.approvedBy = approvedBy;
    }

    /** This authorization carrying the requester's answer to a callee's confirmation ({@link CalleeConfirmations}). */
    public ToolAuthorization withRelayedAnswer(CalleeConfirmations.Answer answer) {
        ToolAuthorization a = new ToolAuthorization(call, tool, effectiveArguments, verdict, approvedBy, request);
        a.relayedAnswer = answer;
        return a;
    }

    /** The relayed answer this call resumes with, or {@code null}. */
    public CalleeConfirmations.Answer relayedAnswer() {
        return relayedAnswer;
    }

    /** The call as the model requested it. */
    public ToolExecutionRequest call() {
        return call;
    }

    /** The tool's descriptor, or {@code null} when the model named an unknown tool. */
    public ToolDescriptor tool() {
        return tool;
    }

    /** Arguments the tool will receive (after transforms). */
    public Map<String, Object> effectiveArguments() {
        return effectiveArguments;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Id of the human who approved the call, or {@code null}. */
    public String approvedBy() {
        return approvedBy;
    }

    /**
     * The {@code TOOL_CALL} request as submitted to the planes (for an approved call: as the approver decided it);
     * the executor settles the planes' {@code committed}/{@code aborted} hooks with it.
     */
    public dev.warden.core.CheckpointRequest request() {
        return request;
    }

    public boolean permitted() {
        return verdict.proceeds() || approvedBy != null;
    }

    /** What the model is told when the call is blocked, so it can recover (detailed feedback). */
    public String refusalMessage() {
        return refusalMessage(RefusalFeedback.DETAILED);
    }

    /** What the model is told when the call is blocked, in the configured amount of detail. */
    public String refusalMessage(RefusalFeedback feedback) {
        return (feedback == null ? RefusalFeedback.DETAILED : feedback).toolCallRefused(verdict.code(),
                reasonForModel(verdict));
    }

    /**
     * The reason a model may read: a deny's reason (written by the policy author for it), but for an evaluation
     * {@link dev.warden.core.Outcome#ERROR} only a generic sentence — an expression engine's error text describes the
     * policy, not the call, and stays in the audit record.
     */
    public static String reasonForModel(Verdict verdict) {
        return verdict.outcome() == dev.warden.core.Outcome.ERROR ? GENERIC_ERROR : verdict.reason();
    }

    /** What a model is told for an evaluation error instead of the error's text. */
    public static final String GENERIC_ERROR = "the policy could not be evaluated for this call (details are in the "
            + "audit trail)";
}
