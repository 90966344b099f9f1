package dev.warden.quarkus.postgres;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the PostgreSQL audit store ({@code warden.audit.store=postgres}), under {@code warden.audit.postgres.*}.
 * Shared settings (schema, migrations) are in {@link PostgresStoreConfig}.
 */
@ConfigMapping(prefix = "warden.audit.postgres")
public interface PostgresAuditConfig {
    /**
     * {@code sync}: an append returns after its record is committed (group-committed with concurrent appends);
     * {@code async}: it returns once queued and a background writer commits batches, flushed on shutdown.
     */
    @WithDefault("sync")
    String durability();

    /** Records the writer queue holds; a full queue blocks appenders up to {@link #appendTimeout()}. */
    @WithDefault("10000")
    int queueCapacity();

    /** Most records committed in one transaction. */
    @WithDefault("500")
    int maxBatch();

    /** How long an append waits for its commit (sync) or for queue space (async) before failing closed. */
    @WithDefault("10s")
    Duration appendTimeout();

    /**
     * Base64 HMAC-SHA256 key (at least 16 bytes) signing each tenant's chain head, so that cutting the newest
     * records and rewinding the head is detected by {@code verify}. Unset: heads are unsigned (a warning).
     */
    Optional<String> headKey();
}
