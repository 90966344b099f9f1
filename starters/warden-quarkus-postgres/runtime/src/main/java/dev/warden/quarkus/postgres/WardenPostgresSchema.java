package dev.warden.quarkus.postgres;

import dev.warden.quarkus.runtime.ListedMigrations;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades Warden's tables with Flyway, apart from the application's own migrations: the scripts live
 * under {@code db/migration/warden/} and the history in {@code warden_schema_history}, so an application that runs
 * Flyway on {@code db/migration} is not affected.
 *
 * <p>The scripts are listed here rather than found by classpath scanning, which behaves differently across class
 * loaders (Quarkus dev mode, fat jars, native images). Add new versions to {@link #SCRIPTS}.
 *
 * <pre>{@code
 * WardenPostgresSchema.migrate(dataSource, "public");
 * }</pre>
 */
public final class WardenPostgresSchema {
    /** Location of the migration scripts on the classpath. */
    public static final String LOCATION = "db/migration/warden";
    /** Flyway history table of Warden's migrations. */
    public static final String HISTORY_TABLE = "warden_schema_history";
    static final List<String> SCRIPTS = List.of("V1__warden_audit_and_approvals.sql",
            "V2__warden_budget_counters.sql", "V3__warden_audit_tool_outcome_indexes.sql",
            "V4__warden_delegation_replay.sql", "V5__warden_conversation.sql");

    private WardenPostgresSchema() {}

    /**
     * Applies pending migrations to {@code schema} (created if missing). Safe to call from several replicas at once:
     * Flyway serialises them with an advisory lock.
     *
     * @throws IllegalStateException with code {@link PostgresStoreCodes#MIGRATION_FAILED} if a migration fails
     */
    public static void migrate(DataSource dataSource, String schema) {
        SqlIdentifiers.requireValid(schema);
        try {
            ClassLoader loader = WardenPostgresSchema.class.getClassLoader();
            Flyway.configure(loader).dataSource(dataSource).schemas(schema).defaultSchema(schema)
                    .createSchemas(true).table(HISTORY_TABLE)
                    .resourceProvider(new ListedMigrations(loader, LOCATION, SCRIPTS)).javaMigrations().load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.MIGRATION_FAILED,
                    "Warden schema migration failed: " + e.getMessage()), e);
        }
    }
}
