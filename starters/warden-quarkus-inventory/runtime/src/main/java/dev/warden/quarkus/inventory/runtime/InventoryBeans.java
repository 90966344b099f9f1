package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.InventoryStoreProvider;
import dev.warden.quarkus.inventory.MemoryInventoryStore;
import io.quarkus.arc.All;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/** The inventory's singletons: its store, the in-memory state the plane reads, and the plane itself. */
public class InventoryBeans {

    /** This service's and this replica's names. */
    public record Identity(String service, String instanceId, String version) {}

    @Produces
    @Singleton
    Identity identity(InventoryConfig config) {
        var mp = ConfigProvider.getConfig();
        String service = config.service().or(() -> mp.getOptionalValue("quarkus.application.name", String.class))
                .orElse("warden-service");
        String version = mp.getOptionalValue("quarkus.application.version", String.class).orElse("unversioned");
        String instance = config.instanceId().orElseGet(() -> host() + "-" + UUID.randomUUID().toString()
                .substring(0, 8));
        return new Identity(service, instance, version);
    }

    static String host() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        int at = name.indexOf('@');
        return at >= 0 ? name.substring(at + 1) : name;
    }

    @Produces
    @Singleton
    InventoryStore store(InventoryConfig config, @All List<InventoryStoreProvider> providers) {
        String name = config.store().trim().toLowerCase(Locale.ROOT);
        if ("memory".equals(name) || !config.enabled()) { // off: nothing is opened (no schema, no connection)
            return new MemoryInventoryStore();
        }
        if ("postgres".equals(name) && providers.stream().noneMatch(p -> p.store().equals(name))) {
            throw new IllegalStateException(InventoryCodes.SHARED_STORE_NOT_PACKAGED + " warden.inventory.store=postgres "
                    + "asks for one inventory and kill switch shared by every replica, but this application does not "
                    + "carry warden-quarkus-inventory-postgres, so a suspension would stop this process only. Add that "
                    + "dependency (the banking sample: use the warden-sample-banking-assistant-shared-inventory jar), "
                    + "or set warden.inventory.store=memory to run with an inventory and kill switch per process");
        }
        return providers.stream().filter(p -> p.store().equals(name)).findFirst().map(InventoryStoreProvider::create)
                .orElseThrow(() -> new IllegalStateException(InventoryCodes.UNKNOWN_STORE + " warden.inventory.store: "
                        + "no store '" + config.store() + "' (built in: memory; provided: "
                        + providers.stream().map(InventoryStoreProvider::store).toList()
                        + "; postgres needs the warden-quarkus-inventory-postgres dependency)"));
    }

    @Produces
    @Singleton
    KillSwitchState killSwitchState(InventoryConfig config, Clock clock) {
        return "memory".equals(config.store()) ? KillSwitchState.local(clock)
                : new KillSwitchState(clock, config.suspensions().maxStaleness());
    }

    @Produces
    @Singleton
    DeclaredActivity declaredActivity(Identity identity) {
        return new DeclaredActivity(identity.service());
    }

    @Produces
    @Singleton
    InventoryPlane plane(KillSwitchState state, DeclaredActivity declared, InventoryConfig config, Clock clock,
            jakarta.enterprise.inject.Instance<dev.warden.policy.PolicyEngine> engine) {
        String mode = config.undeclared().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("flag") && !mode.equals("deny")) {
            throw new IllegalStateException("warden.inventory.undeclared must be 'flag' or 'deny', got '"
                    + config.undeclared() + "'");
        }
        // the engine is application-scoped: resolved at the first evaluation, after it was built with this plane
        return new InventoryPlane(state, declared, mode.equals("deny"), clock, config.enabled(), new Supplier<>() {
            private volatile dev.warden.policy.PolicyEngine resolved;

            @Override
            public dev.warden.policy.PolicyEngine get() {
                dev.warden.policy.PolicyEngine e = resolved;
                return e != null ? e : (resolved = engine.get());
            }
        });
    }
}
