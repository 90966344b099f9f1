package dev.warden.quarkus.notify;

import io.quarkus.arc.Arc;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Opens the PostgreSQL outbox on the PostgreSQL stores' pool and schema ({@code warden.postgres.schema}). Kept apart
 * so that the PostgreSQL client classes are loaded only when the outbox is {@code postgres}.
 */
final class PostgresOutboxes {
    private PostgresOutboxes() {}

    static NotificationOutbox open() {
        var config = ConfigProvider.getConfig();
        String schema = config.getOptionalValue("warden.postgres.schema", String.class).orElse("public");
        Duration timeout = config.getOptionalValue("warden.postgres.approvals.timeout", Duration.class)
                .orElse(Duration.ofSeconds(10));
        var pool = Arc.container().instance(Pool.class);
        if (!pool.isAvailable()) {
            throw new IllegalStateException("no reactive PostgreSQL pool (quarkus.datasource.reactive.url)");
        }
        return new PostgresNotificationOutbox(pool.get(), schema, timeout);
    }
}
