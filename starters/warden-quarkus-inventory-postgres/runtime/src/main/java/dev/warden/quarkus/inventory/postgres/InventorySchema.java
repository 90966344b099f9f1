package dev.warden.quarkus.inventory.postgres;

import dev.warden.quarkus.runtime.ListedMigrations;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

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
        ClassLoader loader = InventorySchema.class.getClassLoader();
        Flyway.configure(loader).dataSource(dataSource).table(HISTORY_TABLE).baselineOnMigrate(true)
                .baselineVersion("0").resourceProvider(new ListedMigrations(loader, LOCATION, SCRIPTS))
                .javaMigrations().load().migrate();
    }
}
