package dev.warden.quarkus.inventory.postgres;

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
 * Creates or upgrades the inventory tables with Flyway on a JDBC datasource (Flyway has no reactive driver; the
 * entities are served by the reactive datasource). Scripts are listed, not scanned (scanning differs across class
 * loaders), and their history is kept in {@value #HISTORY_TABLE}. Safe from several replicas at once (Flyway's lock).
 */
public final class InventorySchema {
    public static final String LOCATION = "db/migration/warden-inventory";
    public static final String HISTORY_TABLE = "warden_inventory_schema_history";
    static final List<String> SCRIPTS = List.of("V1__warden_inventory.sql", "V2__warden_inventory_edge_kind.sql");

    private InventorySchema() {}

    public static void migrate(DataSource dataSource) {
        Flyway.configure(InventorySchema.class.getClassLoader()).dataSource(dataSource).table(HISTORY_TABLE)
                .baselineOnMigrate(true).baselineVersion("0").resourceProvider(new Listed()).javaMigrations().load()
                .migrate();
    }

    private static final class Listed implements ResourceProvider {
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
            try (InputStream in = InventorySchema.class.getClassLoader().getResourceAsStream(LOCATION + "/" + name)) {
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
