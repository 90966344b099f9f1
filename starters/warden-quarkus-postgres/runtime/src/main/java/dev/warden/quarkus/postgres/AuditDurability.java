package dev.warden.quarkus.postgres;

/** When {@link PostgresAuditStore#append} returns. */
public enum AuditDurability {
    /**
     * After the transaction holding the record committed: the decision is acted on only once its record is durable.
     * Concurrent appends are group-committed (one transaction per batch), each caller released on commit.
     */
    SYNC,
    /**
     * After the record entered a bounded in-memory queue; a writer commits batches in the background and the queue
     * is flushed on {@link PostgresAuditStore#flush()} and {@link PostgresAuditStore#close()}. Records still queued
     * when the process dies are lost; the returned record carries no chain fields (they are assigned on write).
     */
    ASYNC;

    /** Parses {@code sync} or {@code async} (any case). */
    public static AuditDurability parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(PostgresStoreCodes.message(PostgresStoreCodes.BAD_CONFIG,
                    "warden.audit.postgres.durability must be sync or async, got '" + value + "'"), e);
        }
    }
}
