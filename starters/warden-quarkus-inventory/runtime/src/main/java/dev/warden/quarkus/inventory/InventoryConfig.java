package dev.warden.quarkus.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The agent inventory and its kill switch ({@code warden.inventory.*}); runtime configuration. */
@ConfigMapping(prefix = "warden.inventory")
public interface InventoryConfig {

    /**
     * Whether the inventory runs: registration, heartbeats, the {@code inventory} plane (kill switch, undeclared
     * activity) and {@code /v1/inventory}. Off, the plane subscribes to no checkpoint (decisions and audit records are
     * exactly as without the jar), no store is opened, and {@code /v1/inventory} answers 404 {@code WARDEN-INV-0617}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where the inventory lives: {@code memory} (this service only, lost at restart) or {@code postgres} (shared by
     * every service on the default datasource; needs {@code warden-quarkus-inventory-postgres}).
     */
    @WithDefault("memory")
    String store();

    /** This service's name in the inventory; defaults to {@code quarkus.application.name}. */
    Optional<String> service();

    /** This replica's id; defaults to a random id per start (host name and a suffix). */
    Optional<String> instanceId();

    /** How often this replica heartbeats (and re-registers, which is idempotent). */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** An instance whose last heartbeat is older than this is not live: it no longer counts for drift. */
    @WithDefault("30s")
    Duration instanceTtl();

    /**
     * What a call of a tool, or a delegation to an agent, that the inventory does not list does: {@code flag} (record
     * it, let the other planes decide) or {@code deny} (refuse it with {@code WARDEN-INV-0604}).
     */
    @WithDefault("flag")
    String undeclared();

    /** The kill switch. */
    Suspensions suspensions();

    interface Suspensions {
        /**
         * How often each replica re-reads the active suspensions. With PostgreSQL, LISTEN/NOTIFY usually delivers a
         * change at once; this refresh is the bound when a notification is lost.
         */
        @WithDefault("500ms")
        Duration refreshInterval();

        /**
         * After how long without a successful refresh a replica refuses actions (tool calls and delegations) with
         * {@code WARDEN-INV-0603}, since a kill switch may have been flipped that it cannot see. Model steps and
         * answers are not refused for staleness alone.
         */
        @WithDefault("5s")
        Duration maxStaleness();
    }
}
