package dev.warden.quarkus;

import dev.warden.spi.SuspendedRunStore;

/**
 * A pluggable store of suspended runs (pending approvals), selected by {@code warden.approvals.store}. A store shared
 * by replicas must make {@link SuspendedRunStore#claim} exactly-once across them.
 */
public interface ApprovalStoreProvider {
    /** The value of {@code warden.approvals.store} that selects this provider. */
    String store();

    /** Creates the store; called once at startup. */
    SuspendedRunStore create();
}
