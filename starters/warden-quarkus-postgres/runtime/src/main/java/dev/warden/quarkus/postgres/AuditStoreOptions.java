package dev.warden.quarkus.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link PostgresAuditStore}.
 *
 * @param schema schema holding the Warden tables (a plain SQL identifier)
 * @param durability when {@code append} returns
 * @param queueCapacity records the writer queue holds; a full queue blocks appenders (back-pressure)
 * @param maxBatch most records committed in one transaction
 * @param appendTimeout how long an append waits for its commit ({@code SYNC}) or for queue space ({@code ASYNC})
 * @param headKey HMAC key signing each tenant's chain head, or {@code null} to leave heads unsigned (then cutting
 *     the tail together with rewinding the head row is not detectable)
 */
public record AuditStoreOptions(String schema, AuditDurability durability, int queueCapacity, int maxBatch,
        Duration appendTimeout, byte[] headKey) {

    public AuditStoreOptions {
        SqlIdentifiers.requireValid(schema);
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(appendTimeout, "appendTimeout");
        if (queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "queue capacity and batch size must be positive"));
        }
        headKey = headKey == null ? null : headKey.clone();
    }

    /** Sync durability in schema {@code public}, 10,000 queued, batches of 500, 10 s timeout, unsigned heads. */
    public static AuditStoreOptions defaults() {
        return new AuditStoreOptions("public", AuditDurability.SYNC, 10_000, 500, Duration.ofSeconds(10), null);
    }

    public AuditStoreOptions withDurability(AuditDurability value) {
        return new AuditStoreOptions(schema, value, queueCapacity, maxBatch, appendTimeout, headKey);
    }

    public AuditStoreOptions withSchema(String value) {
        return new AuditStoreOptions(value, durability, queueCapacity, maxBatch, appendTimeout, headKey);
    }

    public AuditStoreOptions withHeadKey(byte[] value) {
        return new AuditStoreOptions(schema, durability, queueCapacity, maxBatch, appendTimeout, value);
    }

    public AuditStoreOptions withQueueCapacity(int value) {
        return new AuditStoreOptions(schema, durability, value, maxBatch, appendTimeout, headKey);
    }

    public AuditStoreOptions withAppendTimeout(Duration value) {
        return new AuditStoreOptions(schema, durability, queueCapacity, maxBatch, value, headKey);
    }
}
