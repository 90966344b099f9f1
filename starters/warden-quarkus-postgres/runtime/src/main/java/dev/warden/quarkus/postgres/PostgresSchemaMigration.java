package dev.warden.quarkus.postgres;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Runs {@link WardenPostgresSchema#migrate} once per application, before the first store is created. */
@Singleton
public class PostgresSchemaMigration {
    private final PostgresStoreConfig config;
    private final Instance<DataSource> dataSource;
    private boolean done;

    @Inject
    public PostgresSchemaMigration(PostgresStoreConfig config, Instance<DataSource> dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /** Migrates if {@code warden.postgres.migrate-at-start} is on; a failure stops the application (fail closed). */
    public synchronized void ensureMigrated() {
        if (done || !config.migrateAtStart()) {
            return;
        }
        if (!dataSource.isResolvable()) {
            throw new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "warden.postgres.migrate-at-start needs a JDBC datasource (quarkus.datasource.jdbc.url)"));
        }
        WardenPostgresSchema.migrate(dataSource.get(), config.schema());
        done = true;
    }
}
