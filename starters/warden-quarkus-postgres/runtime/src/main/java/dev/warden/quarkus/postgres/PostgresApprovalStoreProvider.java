package dev.warden.quarkus.postgres;

import dev.warden.quarkus.ApprovalStoreProvider;
import dev.warden.spi.SuspendedRunStore;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Answers {@code warden.approvals.store=postgres} with a {@link PostgresSuspendedRunStore}. */
@Singleton
public class PostgresApprovalStoreProvider implements ApprovalStoreProvider {
    private final PostgresStoreConfig config;
    private final PostgresSchemaMigration migration;
    private final Instance<Pool> pool;

    @Inject
    public PostgresApprovalStoreProvider(PostgresStoreConfig config, PostgresSchemaMigration migration,
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
    public SuspendedRunStore create() {
        migration.ensureMigrated();
        return new PostgresSuspendedRunStore(pool.get(), config.schema(), config.approvals().timeout());
    }
}
