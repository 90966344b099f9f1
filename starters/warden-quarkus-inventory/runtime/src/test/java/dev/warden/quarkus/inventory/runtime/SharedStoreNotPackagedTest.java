package dev.warden.quarkus.inventory.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.InventoryStoreProvider;
import dev.warden.quarkus.inventory.MemoryInventoryStore;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application that asks for the shared inventory but does not carry its jar refuses to start (decision 0053): a
 * kill switch that silently stops one replica of several is worse than no start.
 */
class SharedStoreNotPackagedTest {

    static InventoryConfig config(boolean enabled, String store) {
        return (InventoryConfig) Proxy.newProxyInstance(InventoryConfig.class.getClassLoader(),
                new Class<?>[] {InventoryConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> enabled;
                    case "store" -> store;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void asking_for_the_postgres_store_without_its_jar_refuses_to_start_with_a_stable_code() {
        assertThatThrownBy(() -> new InventoryBeans().store(config(true, "postgres"), List.of()))
                .hasMessageStartingWith("WARDEN-INV-0621")
                .hasMessageContaining("warden-quarkus-inventory-postgres")
                .hasMessageContaining("warden.inventory.store=memory");
    }

    @Test
    void a_misspelt_store_keeps_its_own_code_and_memory_or_a_switched_off_inventory_starts() {
        assertThatThrownBy(() -> new InventoryBeans().store(config(true, "postgress"), List.of()))
                .hasMessageStartingWith("WARDEN-INV-0620");
        assertThat(new InventoryBeans().store(config(true, "memory"), List.of())).isInstanceOf(MemoryInventoryStore.class);
        assertThat(new InventoryBeans().store(config(false, "postgres"), List.of()))
                .isInstanceOf(MemoryInventoryStore.class);
    }

    @Test
    void with_the_jar_the_postgres_store_is_the_provided_one() {
        InventoryStore shared = new MemoryInventoryStore();
        InventoryStoreProvider provider = new InventoryStoreProvider() {
            @Override
            public String store() {
                return "postgres";
            }

            @Override
            public InventoryStore create() {
                return shared;
            }
        };
        assertThat(new InventoryBeans().store(config(true, "postgres"), List.of(provider))).isSameAs(shared);
    }
}
