package dev.warden.quarkus;

import dev.warden.spi.ConversationStore;

/**
 * A pluggable conversation store, selected by {@code warden.memory.store} (beside the built-in {@code none} and
 * {@code memory}). The store must keep every message's labels and, when it cannot read a conversation, throw from
 * {@link ConversationStore#load} rather than answer "nothing stored": a run must not continue a conversation as if its
 * memory were unlabelled.
 */
public interface ConversationStoreProvider {
    /** The value of {@code warden.memory.store} that selects this provider. */
    String store();

    /** Creates the store; called once at startup. */
    ConversationStore create(int maxMessages);
}
