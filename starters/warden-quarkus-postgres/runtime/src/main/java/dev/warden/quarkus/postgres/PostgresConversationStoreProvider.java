package dev.warden.quarkus.postgres;

import dev.warden.quarkus.ConversationStoreProvider;
import dev.warden.spi.ConversationStore;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Answers {@code warden.memory.store=postgres} with a {@link PostgresConversationStore}. */
@Singleton
@Unremovable
public class PostgresConversationStoreProvider implements ConversationStoreProvider {
    private final PostgresStores stores;

    @Inject
    public PostgresConversationStoreProvider(PostgresStores stores) {
        this.stores = stores;
    }

    @Override
    public String store() {
        return PostgresStores.NAME;
    }

    @Override
    public ConversationStore create(int maxMessages) {
        PostgresStoreConfig config = stores.config();
        return new PostgresConversationStore(stores.migratedPool(), config.schema(), config.approvals().timeout(),
                maxMessages);
    }
}
