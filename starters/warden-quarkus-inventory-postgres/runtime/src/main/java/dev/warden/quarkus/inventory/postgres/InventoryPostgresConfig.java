package dev.warden.quarkus.inventory.postgres;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The PostgreSQL inventory store ({@code warden.inventory.postgres.*}). */
@ConfigMapping(prefix = "warden.inventory.postgres")
public interface InventoryPostgresConfig {
    /**
     * Run the inventory's Flyway migrations on the JDBC datasource when the store starts (history table
     * {@value InventorySchema#HISTORY_TABLE}, apart from the application's and the audit store's). Off: run
     * {@link InventorySchema#migrate} yourself.
     */
    @WithDefault("true")
    boolean migrateAtStart();
}
