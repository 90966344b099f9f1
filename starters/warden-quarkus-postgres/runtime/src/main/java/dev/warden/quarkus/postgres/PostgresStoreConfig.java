package dev.warden.quarkus.postgres;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the PostgreSQL stores, under {@code warden.postgres.*}. The stores use the default Quarkus datasource:
 * {@code quarkus.datasource.reactive.url} for reads and writes, {@code quarkus.datasource.jdbc.url} for migrations.
 */
@ConfigMapping(prefix = "warden.postgres")
public interface PostgresStoreConfig {

    /** Schema of Warden's tables (created if missing); a lower-case SQL identifier. */
    @WithDefault("public")
    String schema();

    /**
     * Run Warden's Flyway migrations ({@code db/migration/warden}, history table {@code warden_schema_history}) when
     * a store starts. Off: apply them yourself with {@link WardenPostgresSchema#migrate}.
     */
    @WithDefault("true")
    boolean migrateAtStart();

    /** The approval store. */
    Approvals approvals();

    interface Approvals {
        /** How long a store call waits for PostgreSQL. */
        @WithDefault("10s")
        Duration timeout();
    }
}
