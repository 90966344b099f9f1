package dev.warden.quarkus;

import dev.warden.spi.AuditSink;

/**
 * A pluggable audit store, selected by {@code warden.audit.store}. An extension jar contributes one as a CDI bean
 * (e.g. the PostgreSQL store answers to {@code postgres}); {@code jsonl} and {@code memory} are built in.
 */
public interface AuditStoreProvider {
    /** The value of {@code warden.audit.store} that selects this provider. */
    String store();

    /** Creates the sink; called once at startup. Failing here stops the application (fail closed). */
    AuditSink create();
}
