package dev.warden.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.spi.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The loop's use of a {@link ConversationStore}: load before the first step, save when the run ends. */
final class ConversationMemory {
    private ConversationMemory() {}

    /** The stored conversation this run continues, or {@code null} (no store, no conversation id, nothing stored). */
    static StoredConversation load(GovernedAgent agent, GovernanceContext ctx) {
        ConversationStore.Key key = key(agent, ctx);
        return key == null ? null : agent.memory().load(key).orElse(null);
    }

    /**
     * Tells argument provenance what the loaded conversation holds: its tool results count as seen by this run, with
     * the integrity they were stored with (an untrusted mail read in run 1 is still untrusted in run 2).
     */
    static void trace(GovernedAgent agent, String runId, String userInput, StoredConversation stored) {
        if (stored == null) {
            return;
        }
        for (int i = 0; i < stored.messages().size(); i++) {
            if (stored.messages().get(i) instanceof ToolExecutionResultMessage t) {
                agent.settings().tools().provenance().record(runId, userInput, "memory: " + t.toolName(), Map.of(),
                        t.text(), stored.labels().get(i).integrity(), null);
            }
        }
    }

    /** Saves the run's conversation with each message's labels (not the system message: that is configuration). */
    static void save(GovernedAgent agent, RunState s) {
        ConversationStore.Key key = key(agent, s.ctx);
        if (key == null || s.messages.stream().allMatch(m -> m instanceof SystemMessage)) {
            return; // a refused input never reached the conversation: keep what is stored
        }
        List<ChatMessage> messages = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        for (int i = 0; i < s.messages.size(); i++) {
            if (!(s.messages.get(i) instanceof SystemMessage)) {
                messages.add(s.messages.get(i));
                labels.add(s.labels.get(i));
            }
        }
        agent.memory().save(key, new StoredConversation(messages, labels));
    }

    private static ConversationStore.Key key(GovernedAgent agent, GovernanceContext ctx) {
        String conversation = ctx.task().conversationId();
        if (agent.memory() == null || conversation == null || conversation.isBlank()) {
            return null;
        }
        return new ConversationStore.Key(ctx.tenant(), ctx.user().id(), ctx.agent().id(), conversation);
    }
}
