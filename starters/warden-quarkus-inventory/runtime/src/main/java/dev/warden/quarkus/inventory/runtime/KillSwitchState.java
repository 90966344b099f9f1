package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.SuspensionTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The active suspensions as this replica last read them: an immutable snapshot behind one volatile field, so the
 * check at every checkpoint is a hash lookup with no lock and no database round trip. Replaced whole by each refresh
 * (and at once on the replica that flipped the switch). Before the first successful refresh, and when the last one is
 * older than the staleness bound, the state is {@linkplain #stale() stale}.
 */
public final class KillSwitchState {
    /** One consistent view; {@code refreshedAtMillis} is when the store answered. */
    public record Snapshot(Set<String> agents, Set<String> tools, Set<String> mcpServers, long refreshedAtMillis) {
        static final Snapshot NEVER = new Snapshot(Set.of(), Set.of(), Set.of(), Long.MIN_VALUE);

        public boolean suspended(SuspensionTarget target, String id) {
            if (id == null) {
                return false;
            }
            return switch (target) {
                case AGENT -> agents.contains(id);
                case TOOL -> tools.contains(id);
                case MCP_SERVER -> mcpServers.contains(id);
            };
        }
    }

    private final Clock clock;
    private final long maxStalenessMillis;
    private volatile Snapshot current = Snapshot.NEVER;

    public KillSwitchState(Clock clock, Duration maxStaleness) {
        this.clock = clock;
        this.maxStalenessMillis = maxStaleness.toMillis();
    }

    /**
     * The state of an inventory held in this process ({@code warden.inventory.store=memory}): every change goes
     * through {@link #apply} here before it is answered, so the view can never lag behind its store and is never
     * stale — a slow refresh timer (a loaded machine, a long GC pause) must not refuse tool calls for nothing.
     */
    public static KillSwitchState local(Clock clock) {
        return new KillSwitchState(clock, Duration.ofMillis(-1));
    }

    public Snapshot current() {
        return current;
    }

    /** Whether the last successful refresh is older than the bound (or there was none yet). */
    public boolean stale() {
        if (maxStalenessMillis < 0) {
            return false;
        }
        long at = current.refreshedAtMillis;
        return at == Long.MIN_VALUE || clock.millis() - at > maxStalenessMillis;
    }

    /** Replaces the view with what the store just answered. */
    public void replace(List<Suspension> active) {
        Set<String> agents = new HashSet<>();
        Set<String> tools = new HashSet<>();
        Set<String> mcp = new HashSet<>();
        for (Suspension s : active) {
            if (!s.active()) {
                continue;
            }
            switch (s.target()) {
                case AGENT -> agents.add(s.targetId());
                case TOOL -> tools.add(s.targetId());
                case MCP_SERVER -> mcp.add(s.targetId());
            }
        }
        current = new Snapshot(Set.copyOf(agents), Set.copyOf(tools), Set.copyOf(mcp), clock.millis());
    }

    /**
     * Applies a change this replica just made, without waiting for the next refresh; keeps the refresh time (a local
     * change says nothing about what other replicas did).
     */
    public synchronized void apply(Suspension s) {
        Snapshot c = current;
        Set<String> agents = new HashSet<>(c.agents);
        Set<String> tools = new HashSet<>(c.tools);
        Set<String> mcp = new HashSet<>(c.mcpServers);
        Set<String> set = switch (s.target()) {
            case AGENT -> agents;
            case TOOL -> tools;
            case MCP_SERVER -> mcp;
        };
        if (s.active()) {
            set.add(s.targetId());
        } else {
            set.remove(s.targetId());
        }
        current = new Snapshot(Set.copyOf(agents), Set.copyOf(tools), Set.copyOf(mcp), c.refreshedAtMillis);
    }
}
