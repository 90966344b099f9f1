package dev.warden.quarkus.postgres;

import dev.warden.core.agent.InMemorySuspendedRunStore;
import dev.warden.spi.SuspendedRunStore;

/**
 * The core's in-memory store passes the same contract (within one process: "another process" is the same instance),
 * so the PostgreSQL store is a drop-in replacement for it.
 */
class InMemorySuspendedRunStoreContractTest extends SuspendedRunStoreContractTest {
    private SuspendedRunStore shared;

    @Override
    SuspendedRunStore newStore() {
        shared = new InMemorySuspendedRunStore();
        return shared;
    }

    @Override
    SuspendedRunStore anotherProcess() {
        return shared;
    }
}
