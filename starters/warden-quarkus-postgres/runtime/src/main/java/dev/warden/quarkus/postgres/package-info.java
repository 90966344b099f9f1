/**
 * PostgreSQL stores for Warden: {@link dev.warden.quarkus.postgres.PostgresAuditStore} (hash-chained decision records,
 * {@code sync} or {@code async} durability, signed and anchorable chain heads, JSONL export) and
 * {@link dev.warden.quarkus.postgres.PostgresSuspendedRunStore} (suspended runs with exactly-once claims across
 * replicas), plus the CDI providers that plug them into the Quarkus extension ({@code warden.audit.store=postgres},
 * {@code warden.approvals.store=postgres}) and {@link dev.warden.quarkus.postgres.WardenPostgresSchema} (Flyway).
 *
 * <p>Public API: the two stores, {@link dev.warden.quarkus.postgres.AuditStoreOptions},
 * {@link dev.warden.quarkus.postgres.AuditDurability}, {@link dev.warden.quarkus.postgres.SignedHead},
 * {@link dev.warden.quarkus.postgres.PostgresStoreCodes}, the config interfaces and the schema migration. Package-private
 * classes are implementation and may change without notice. Every store method blocks: call it from worker or
 * virtual threads, never from a Vert.x event loop.
 */
package dev.warden.quarkus.postgres;
