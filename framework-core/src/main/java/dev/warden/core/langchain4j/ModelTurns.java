package dev.warden.core.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.output.TokenUsage;
import dev.warden.core.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * What every governed model loop reads from a LangChain4j turn the same way — the governed agent loop, the
 * {@link GovernedChatModel} of {@link WardenAiServices}, and the Quarkus AI-service model — so that policies see the
 * same {@code MODEL_REQUEST}/{@code MODEL_RESPONSE} facts whichever loop runs the agent. Stateless.
 */
public final class ModelTurns {
    private ModelTurns() {}

    /** Index of the last single-text user message (the turn's user input), or {@code -1}. */
    public static int lastUserIndex(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
                return i;
            }
        }
        return -1;
    }

    /** Names of the tools the model asks for (the {@code requestedTools} attribute of {@code MODEL_RESPONSE}). */
    public static List<String> requestedTools(AiMessage ai) {
        List<String> requested = new ArrayList<>();
        if (ai.hasToolExecutionRequests()) {
            ai.toolExecutionRequests().forEach(t -> requested.add(String.valueOf(t.name())));
        }
        return requested;
    }

    /** {@code usage} plus one model step and its tokens; a provider that reports no usage adds no tokens. */
    public static Usage plusStep(Usage usage, TokenUsage tokens) {
        long in = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return usage.plusStep(in, out);
    }
}
