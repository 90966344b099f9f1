package dev.warden.quarkus.postgres;

import dev.warden.quarkus.ApprovalStoreProvider;
import dev.warden.spi.SuspendedRunStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Answers {@code warden.approvals.store=postgres} with a {@link PostgresSuspendedRunStore}. */
@Singleton
public class PostgresApprovalStoreProvider implements ApprovalStoreProvider {
    private final PostgresStores stores;

    @Inject
    public PostgresApprovalStoreProvider(PostgresStores stores) {
        this.stores = stores;
    }

    @Override
    public String store() {
        return PostgresStores.NAME;
    }

    @Override
    public SuspendedRunStore create() {
        PostgresStoreConfig config = stores.config();
        return new PostgresSuspendedRunStore(stores.migratedPool(), config.schema(), config.approvals().timeout());
    }
}
