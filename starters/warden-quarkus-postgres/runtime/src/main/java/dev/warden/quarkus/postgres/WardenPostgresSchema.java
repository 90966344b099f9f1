package dev.warden.quarkus.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

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
            Flyway.configure(WardenPostgresSchema.class.getClassLoader()).dataSource(dataSource)
                    .schemas(schema).defaultSchema(schema).createSchemas(true).table(HISTORY_TABLE)
                    .resourceProvider(new ListedScripts()).javaMigrations().load().migrate();
        } catch (RuntimeException e) {
            throw new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.MIGRATION_FAILED,
                    "Warden schema migration failed: " + e.getMessage()), e);
        }
    }

    private static final class ListedScripts implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            return SCRIPTS.contains(name) ? new Script(name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> out = new ArrayList<>();
            for (String s : SCRIPTS) {
                if (s.startsWith(prefix) && List.of(suffixes).stream().anyMatch(s::endsWith)) {
                    out.add(new Script(s));
                }
            }
            return out;
        }
    }

    private static final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            try (InputStream in = WardenPostgresSchema.class.getClassLoader()
                    .getResourceAsStream(LOCATION + "/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("migration script missing from the classpath: " + name);
                }
                return new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + name, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return null;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
