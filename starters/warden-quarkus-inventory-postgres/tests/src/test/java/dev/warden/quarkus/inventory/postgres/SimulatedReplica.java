package dev.warden.quarkus.inventory.postgres;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.runtime.DeclaredActivity;
import dev.warden.quarkus.inventory.runtime.InventoryPlane;
import dev.warden.quarkus.inventory.runtime.KillSwitchState;
import dev.warden.quarkus.inventory.runtime.LocalRegistration;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Another replica sharing the database, in this JVM: its own registration and instance id, its own kill-switch state
 * refreshed by its own timer and its own LISTEN connection, and the inventory plane over them — what a second process
 * runs, minus HTTP.
 */
final class SimulatedReplica implements AutoCloseable {
    final InventoryStore store;
    final KillSwitchState state = new KillSwitchState(Clock.systemUTC(), Duration.ofSeconds(5));
    final DeclaredActivity declared;
    final InventoryPlane plane;
    private final SuspensionNotifications notifications;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    volatile Registration registration;

    SimulatedReplica(InventoryStore store, Vertx vertx, Registration registration) {
        this.store = store;
        this.registration = registration;
        this.declared = new DeclaredActivity(registration.instance().service());
        declared.declare(LocalRegistration.declaredTools(registration), Set.of());
        this.plane = new InventoryPlane(state, declared, false, Clock.systemUTC());
        this.notifications = new SuspensionNotifications(vertx, PostgresInventoryStoreProvider.listenOptions());
        notifications.listen(() -> timer.execute(this::refresh)); // off the event loop: refresh blocks
        timer.scheduleWithFixedDelay(this::refresh, 0, 500, TimeUnit.MILLISECONDS);
        heartbeat();
        timer.scheduleWithFixedDelay(() -> {
            try {
                heartbeat();
            } catch (RuntimeException e) {
                // retried with the next beat, as a real replica does
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Serialised, as InventoryRegistrar's refresh is: two overlapping reads could apply out of order. */
    synchronized void refresh() {
        try {
            state.replace(store.suspensions(true).await().atMost(Duration.ofSeconds(20)));
        } catch (RuntimeException e) {
            // retried with the next tick or notification, as a real replica does
        }
    }

    void heartbeat() {
        Instance i = registration.instance();
        store.register(new Registration(new Instance(i.instanceId(), i.service(), i.version(), i.host(),
                i.startedAt(), Instant.now(), i.policyFingerprint(), i.toolFingerprint(), i.policyVersions()),
                registration.agents(), registration.policies(), registration.mcpServers(), registration.edges()))
                .await().atMost(Duration.ofSeconds(20));
    }

    Decision toolCall(String agent, String tool) {
        GovernanceContext ctx = GovernanceContext.of(new Principal("alice", null, Set.of("customer"), Map.of()),
                new AgentIdentity(agent, "1", "tom"));
        return plane.evaluate(CheckpointRequest.toolCall(1, ToolDescriptor.named(tool), "c1", Map.of()), ctx);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        notifications.close();
    }
}
