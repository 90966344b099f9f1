package dev.warden.quarkus.inventory;

/**
 * Provides an {@link InventoryStore} selected by {@code warden.inventory.store}; a CDI bean of a store jar (the
 * PostgreSQL one answers {@code postgres}). {@code memory} is built in.
 */
public interface InventoryStoreProvider {
    /** The value of {@code warden.inventory.store} that selects this store. */
    String store();

    InventoryStore create();
}
