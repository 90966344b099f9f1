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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The embedded inventory: this service's own facts, in memory, lost at restart. Every method is synchronized. */
public final class MemoryInventoryStore implements InventoryStore {
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<PolicyVersion> versions = new ArrayList<>();
    private final Map<String, McpServer> mcp = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final List<Suspension> suspensions = new ArrayList<>();
    private final Map<String, Undeclared> undeclared = new LinkedHashMap<>();

    @Override
    public synchronized Uni<Void> register(Registration r) {
        instances.put(r.instance().instanceId(), r.instance());
        r.agents().forEach(a -> agents.put(a.service() + "/" + a.agentId(), a));
        r.mcpServers().forEach(m -> mcp.put(m.service() + "/" + m.serverId(), m));
        r.edges().forEach(e -> edges.merge(e.key(), e, (old, now) -> new Edge(now.service(), now.fromAgent(),
                now.toAgent(), now.kind(), now.scopes(), now.purposes(), old.declared() || now.declared(),
                old.firstSeen(), now.lastSeen())));
        for (PolicyVersion v : r.policies()) {
            boolean seen = versions.stream().anyMatch(p -> p.service().equals(v.service())
                    && p.policySet().equals(v.policySet()) && p.fingerprint().equals(v.fingerprint()));
            if (!seen) {
                versions.add(v);
            }
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<Agent>> agents() {
        return Uni.createFrom().item(List.copyOf(agents.values()));
    }

    @Override
    public synchronized Uni<List<Instance>> instances() {
        return Uni.createFrom().item(List.copyOf(instances.values()));
    }

    @Override
    public synchronized Uni<List<PolicyVersion>> policyVersions() {
        return Uni.createFrom().item(List.copyOf(versions));
    }

    @Override
    public synchronized Uni<List<McpServer>> mcpServers() {
        return Uni.createFrom().item(List.copyOf(mcp.values()));
    }

    @Override
    public synchronized Uni<List<Edge>> edges() {
        return Uni.createFrom().item(List.copyOf(edges.values()));
    }

    @Override
    public synchronized Uni<Suspension> suspend(SuspensionTarget target, String targetId, String reason, String by,
            Instant at) {
        Optional<Suspension> active = active(target, targetId);
        if (active.isPresent()) {
            return Uni.createFrom().item(active.get());
        }
        Suspension s = new Suspension(UUID.randomUUID().toString(), target, targetId, reason, by, at, null, null);
        suspensions.add(s);
        return Uni.createFrom().item(s);
    }

    @Override
    public synchronized Uni<Optional<Suspension>> lift(SuspensionTarget target, String targetId, String by,
            Instant at) {
        Optional<Suspension> active = active(target, targetId);
        active.ifPresent(s -> suspensions.set(suspensions.indexOf(s), new Suspension(s.id(), s.target(),
                s.targetId(), s.reason(), s.suspendedBy(), s.suspendedAt(), by, at)));
        return Uni.createFrom().item(active.map(s -> new Suspension(s.id(), s.target(), s.targetId(), s.reason(),
                s.suspendedBy(), s.suspendedAt(), by, at)));
    }

    private Optional<Suspension> active(SuspensionTarget target, String targetId) {
        return suspensions.stream().filter(s -> s.active() && s.target() == target && s.targetId().equals(targetId))
                .findFirst();
    }

    @Override
    public synchronized Uni<List<Suspension>> suspensions(boolean activeOnly) {
        return Uni.createFrom().item(suspensions.stream().filter(s -> !activeOnly || s.active())
                .sorted(Comparator.comparing(Suspension::suspendedAt).reversed()).toList());
    }

    @Override
    public synchronized Uni<Void> recordUndeclared(List<Undeclared> observed) {
        for (Undeclared u : observed) {
            undeclared.merge(u.service() + "/" + u.agentId() + "/" + u.kind() + "/" + u.name(), u,
                    (old, now) -> new Undeclared(old.service(), old.agentId(), old.kind(), old.name(), old.firstSeen(),
                            now.lastSeen(), old.count() + now.count(), old.refused() + now.refused()));
        }
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<Undeclared>> undeclared() {
        return Uni.createFrom().item(List.copyOf(undeclared.values()));
    }
}
