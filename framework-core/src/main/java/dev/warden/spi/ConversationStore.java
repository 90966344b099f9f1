package dev.warden.spi;

import dev.warden.core.agent.StoredConversation;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps conversations across runs, with the labels of every message. A governed agent configured with a store loads
 * the conversation named by the run's {@code TaskContext.conversationId} before the first model step (the run starts at
 * the stored labels) and saves it, labels included, when the run ends. Keys include tenant, user and agent, so one
 * user's conversation id never opens another's. Implementations must be thread-safe; concurrent runs of one
 * conversation are last-writer-wins.
 */
public interface ConversationStore {
    Optional<StoredConversation> load(Key key);

    void save(Key key, StoredConversation conversation);

    /** Whose conversation: never shared across tenants, users or agents. */
    record Key(String tenant, String userId, String agentId, String conversationId) {
        public Key {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }
}
