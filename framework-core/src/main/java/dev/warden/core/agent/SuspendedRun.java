package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.provenance.CallRepeats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything needed to resume a run that waits for approval: conversation so far, the pending call, the calls of the
 * same model turn still to process, the governance context and counters. Persisted by a
 * {@link dev.warden.spi.SuspendedRunStore}; {@link #toJson()} gives a stable representation for durable stores.
 *
 * <p>{@code messageLabels} holds the labels of each message (same order as {@code messages}; a {@code null} entry is
 * unknown), so a resumed run still knows what each part of the conversation would carry to a model. Runs suspended
 * before labels were stored have none: the run's context label is then a sound upper bound for every message.
 *
 * <p>{@code suspendedSpan} is the W3C {@code traceparent} of the suspended run's {@code invoke_agent} span; the
 * resumption, which happens in another trace (the approver's request), links to it. {@code null} when the run was not
 * traced or was suspended before this was stored.
 *
 * <p>{@code callMemory} is what the run's repeat counts ({@code attributes.repeats}, {@code attributes.similarCalls})
 * need, so that a resumption on another replica or after a restart knows them (decision 0066); {@code null} when the
 * suspending process did not know them or the run was suspended before this was stored: the counts then stay unknown
 * (absent), never 0.
 */
public record SuspendedRun(
        PendingApproval approval,
        List<ChatMessage> messages,
        ToolExecutionRequest pendingCall,
        List<ToolExecutionRequest> remainingCalls,
        GovernanceContext context,
        int step,
        int toolCalls,
        String userInput,
        List<DecisionSummary> decisions,
        List<Labels> messageLabels,
        String suspendedSpan,
        CallRepeats.Memory callMemory) {

    public SuspendedRun {
        messages = List.copyOf(messages);
        remainingCalls = List.copyOf(remainingCalls);
        decisions = List.copyOf(decisions);
        messageLabels = messageLabels == null ? null : Collections.unmodifiableList(new ArrayList<>(messageLabels));
    }

    /** A suspended run whose repeat counts are not stored (unknown on resumption). */
    public SuspendedRun(PendingApproval approval, List<ChatMessage> messages, ToolExecutionRequest pendingCall,
            List<ToolExecutionRequest> remainingCalls, GovernanceContext context, int step, int toolCalls,
            String userInput, List<DecisionSummary> decisions, List<Labels> messageLabels, String suspendedSpan) {
        this(approval, messages, pendingCall, remainingCalls, context, step, toolCalls, userInput, decisions,
                messageLabels, suspendedSpan, null);
    }

    /** A suspended run with no trace to link back to. */
    public SuspendedRun(PendingApproval approval, List<ChatMessage> messages, ToolExecutionRequest pendingCall,
            List<ToolExecutionRequest> remainingCalls, GovernanceContext context, int step, int toolCalls,
            String userInput, List<DecisionSummary> decisions, List<Labels> messageLabels) {
        this(approval, messages, pendingCall, remainingCalls, context, step, toolCalls, userInput, decisions,
                messageLabels, null, null);
    }

    /** A suspended run whose messages' labels are not recorded (a gateway grant with no conversation). */
    public SuspendedRun(PendingApproval approval, List<ChatMessage> messages, ToolExecutionRequest pendingCall,
            List<ToolExecutionRequest> remainingCalls, GovernanceContext context, int step, int toolCalls,
            String userInput, List<DecisionSummary> decisions) {
        this(approval, messages, pendingCall, remainingCalls, context, step, toolCalls, userInput, decisions, null,
                null, null);
    }

    public String toJson() {
        return SuspendedRunJson.write(this);
    }

    public static SuspendedRun fromJson(String json) {
        return SuspendedRunJson.read(json);
    }
}
