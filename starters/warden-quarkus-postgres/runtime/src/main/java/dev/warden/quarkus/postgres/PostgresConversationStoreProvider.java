package dev.warden.quarkus.postgres;

import dev.warden.quarkus.ConversationStoreProvider;
import dev.warden.spi.ConversationStore;
import io.quarkus.arc.Unremovable;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Answers {@code warden.memory.store=postgres} with a {@link PostgresConversationStore}. */
@Singleton
@Unremovable
public class PostgresConversationStoreProvider implements ConversationStoreProvider {
    private final PostgresStoreConfig config;
    private final PostgresSchemaMigration migration;
    private final Instance<Pool> pool;

    @Inject
    public PostgresConversationStoreProvider(PostgresStoreConfig config, PostgresSchemaMigration migration,
            Instance<Pool> pool) {
        this.config = config;
        this.migration = migration;
        this.pool = pool;
    }

    @Override
    public String store() {
        return "postgres";
    }

    @Override
    public ConversationStore create(int maxMessages) {
        migration.ensureMigrated();
        return new PostgresConversationStore(pool.get(), config.schema(), config.approvals().timeout(), maxMessages);
    }
}
