package dev.warden.quarkus.inventory.postgres;

import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.InventoryStoreProvider;
import io.agroal.api.AgroalDataSource;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code warden.inventory.store=postgres}: migrates the schema on the JDBC datasource (unless
 * {@code warden.inventory.postgres.migrate-at-start=false}) and serves the inventory through Hibernate Reactive on the
 * reactive one; LISTEN/NOTIFY uses one more connection to the reactive URL. A failed migration stops the start.
 */
@Singleton
public class PostgresInventoryStoreProvider implements InventoryStoreProvider {
    private final Vertx vertx;
    private final Instance<AgroalDataSource> jdbc;
    private final InventoryPostgresConfig config;

    PostgresInventoryStoreProvider(Vertx vertx, Instance<AgroalDataSource> jdbc, InventoryPostgresConfig config) {
        this.vertx = vertx;
        this.jdbc = jdbc;
        this.config = config;
    }

    @Override
    public String store() {
        return "postgres";
    }

    @Override
    public InventoryStore create() {
        if (config.migrateAtStart()) {
            if (!jdbc.isResolvable()) {
                throw new IllegalStateException(InventoryCodes.UNKNOWN_STORE + " warden.inventory.store=postgres "
                        + "migrates on a JDBC datasource: set quarkus.datasource.jdbc.url (or "
                        + "warden.inventory.postgres.migrate-at-start=false and migrate with InventorySchema)");
            }
            InventorySchema.migrate(jdbc.get());
        }
        return new HibernateInventoryStore(vertx, new SuspensionNotifications(vertx, listenOptions()));
    }

    /**
     * The LISTEN connection's options, from the reactive datasource's URL and credentials. Public because a test
     * application's classes are loaded apart from this extension's, so package access does not reach across.
     */
    public static PgConnectOptions listenOptions() {
        Config mp = ConfigProvider.getConfig();
        String url = mp.getOptionalValue("quarkus.datasource.reactive.url", String.class).orElseThrow(() ->
                new IllegalStateException(InventoryCodes.UNKNOWN_STORE
                        + " warden.inventory.store=postgres needs quarkus.datasource.reactive.url"));
        PgConnectOptions o = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url);
        mp.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(o::setUser);
        mp.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(o::setPassword);
        return o;
    }
}
