package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.warden.core.GovernanceContext;
import java.util.List;

/**
 * Everything needed to resume a run that waits for approval: conversation so far, the pending call, the calls of the
 * same model turn still to process, the governance context and counters. Persisted by a
 * {@link dev.warden.spi.SuspendedRunStore}; {@link #toJson()} gives a stable representation for durable stores.
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
        List<DecisionSummary> decisions) {

    public SuspendedRun {
        messages = List.copyOf(messages);
        remainingCalls = List.copyOf(remainingCalls);
        decisions = List.copyOf(decisions);
    }

    public String toJson() {
        return SuspendedRunJson.write(this);
    }

    public static SuspendedRun fromJson(String json) {
        return SuspendedRunJson.read(json);
    }
}
