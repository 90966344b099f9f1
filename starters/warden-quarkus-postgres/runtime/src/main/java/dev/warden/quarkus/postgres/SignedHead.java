package dev.warden.quarkus.postgres;

/**
 * The head of one tenant's chain as stored: last sequence number, its hash, and the HMAC over them ({@code null} when
 * the store has no head key). Copy heads out of the database periodically (a WORM bucket, a transparency log, a
 * ticket) and pass them to {@link PostgresAuditStore#verify(java.util.Collection)}: a database restored to an older,
 * validly signed state is then still caught.
 */
public record SignedHead(String tenant, long seq, String hash, String mac) {}
