package dev.warden.quarkus.inventory;

import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.McpServer;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the inventory lives: in memory for one service ({@code memory}, the default), or shared by every service on
 * one database ({@code postgres}, from {@code warden-quarkus-inventory-postgres}).
 *
 * <p>Reactive: every method returns a {@link Uni} and never blocks the calling thread, so the REST API serves it on
 * the event loop. Implementations are thread-safe. A write is idempotent per key (a registration repeated with every
 * heartbeat changes nothing but the heartbeat). Suspensions are the one part replicas must agree on quickly: a store
 * that can, calls the listener given to {@link #onSuspensionChange} as soon as another replica changes them.
 */
public interface InventoryStore {

    /** Upserts an instance with its agents, tools, MCP servers and edges; adds policy versions not seen before. */
    Uni<Void> register(Registration registration);

    /** Every agent of every service. */
    Uni<List<Agent>> agents();

    /** Every instance ever registered (live or not; drift is computed over those with a recent heartbeat). */
    Uni<List<Instance>> instances();

    /** Every policy set version any service served, oldest first. */
    Uni<List<PolicyVersion>> policyVersions();

    Uni<List<McpServer>> mcpServers();

    Uni<List<Edge>> edges();

    /** Suspends a target; an active suspension of the same target is returned unchanged (idempotent). */
    Uni<Suspension> suspend(SuspensionTarget target, String targetId, String reason, String by, Instant at);

    /** Lifts the active suspension of a target; empty when there was none. */
    Uni<Optional<Suspension>> lift(SuspensionTarget target, String targetId, String by, Instant at);

    /** Suspensions, active only or with their history (newest first). */
    Uni<List<Suspension>> suspensions(boolean activeOnly);

    /** Adds the counts of undeclared activity observed since the last call. */
    Uni<Void> recordUndeclared(List<Undeclared> observed);

    Uni<List<Undeclared>> undeclared();

    /**
     * Asks to be told when another replica suspends or lifts something (PostgreSQL: {@code LISTEN}). A store that
     * cannot push leaves it to the periodic refresh. The listener must not block.
     */
    default void onSuspensionChange(Runnable listener) {}
}
