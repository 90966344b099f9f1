package dev.warden.quarkus.postgres;

import io.vertx.sqlclient.Pool;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * What this starter's store providers share: the store name they answer to, the starter's configuration, and the
 * default reactive pool, handed out only after Warden's migrations ran (when {@code warden.postgres.migrate-at-start}
 * is on).
 */
@Singleton
public class PostgresStores {
    /** The value of {@code warden.audit.store}, {@code warden.approvals.store} and {@code warden.memory.store}. */
    public static final String NAME = "postgres";

    private final PostgresStoreConfig config;
    private final PostgresSchemaMigration migration;
    private final Instance<Pool> pool;

    @Inject
    public PostgresStores(PostgresStoreConfig config, PostgresSchemaMigration migration, Instance<Pool> pool) {
        this.config = config;
        this.migration = migration;
        this.pool = pool;
    }

    public PostgresStoreConfig config() {
        return config;
    }

    /** The default reactive pool, once the schema is migrated; a failed migration throws (the store is not made). */
    public Pool migratedPool() {
        migration.ensureMigrated();
        return pool.get();
    }
}
