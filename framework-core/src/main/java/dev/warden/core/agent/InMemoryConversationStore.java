package dev.warden.core.agent;

import dev.warden.spi.ConversationStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations in this process, bounded: at most {@code maxConversations} (least recently used forgotten first) of at
 * most {@code maxMessages} messages each. A conversation over the bound loses its oldest turns whole — it is cut at a
 * user message, so no tool result is kept without the model turn that asked for it — and every kept message keeps
 * its labels. Thread-safe.
 */
public final class InMemoryConversationStore implements ConversationStore {
    private final int maxMessages;
    private final Map<Key, StoredConversation> conversations;

    public InMemoryConversationStore() {
        this(10_000, 200);
    }

    public InMemoryConversationStore(int maxConversations, int maxMessages) {
        if (maxConversations < 1 || maxMessages < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.maxMessages = maxMessages;
        this.conversations = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, StoredConversation> eldest) {
                return size() > maxConversations;
            }
        };
    }

    @Override
    public synchronized Optional<StoredConversation> load(Key key) {
        return Optional.ofNullable(conversations.get(key));
    }

    @Override
    public synchronized void save(Key key, StoredConversation conversation) {
        conversations.put(key, conversation.trimmedTo(maxMessages));
    }
}
