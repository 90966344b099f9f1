package dev.warden.quarkus.inventory.runtime;

import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.McpServer;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryModel.Tool;
import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import dev.warden.quarkus.inventory.SuspensionTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What {@code /v1/inventory} answers: the store's facts joined per agent id, with state and drift. */
public final class InventoryViews {
    private InventoryViews() {}

    /** An agent across the services that run it. {@code state} is {@code SUSPENDED} or {@code ACTIVE}. */
    public record AgentSummary(String id, List<String> services, String owner, String purpose, String version,
            String model, String riskTier, String state, List<String> policySets, int tools, int liveInstances,
            boolean drift) {}

    /** One agent in full. */
    public record AgentDetail(AgentSummary agent, List<Tool> tools, List<PolicyVersion> policyVersions,
            List<Instance> instances, List<Drift.View> drift, List<McpServer> mcpServers, List<Edge> edges,
            List<Undeclared> undeclared, List<Suspension> suspensions) {}

    /** Everything, for GRC tools. */
    public record Export(Instant exportedAt, List<AgentDetail> agents, List<Instance> instances,
            List<PolicyVersion> policyVersions, List<Drift.View> drift, List<Suspension> suspensions,
            List<Undeclared> undeclared) {}

    /** The store's facts at one moment. */
    public record Facts(List<Agent> agents, List<Instance> instances, List<PolicyVersion> versions,
            List<McpServer> mcp, List<Edge> edges, List<Suspension> suspensions, List<Undeclared> undeclared) {}

    static Map<String, List<Agent>> byId(List<Agent> agents) {
        return agents.stream().sorted(Comparator.comparing(Agent::agentId).thenComparing(Agent::service))
                .collect(Collectors.groupingBy(Agent::agentId, java.util.TreeMap::new, Collectors.toList()));
    }

    static AgentSummary summary(List<Agent> entries, Facts f, Instant now, Duration ttl) {
        Agent first = entries.get(0);
        Set<String> services = entries.stream().map(Agent::service).collect(Collectors.toCollection(TreeSet::new));
        List<Instance> live = f.instances().stream().filter(i -> services.contains(i.service())
                && Drift.live(i, now, ttl)).toList();
        boolean drift = Drift.of(live, now, ttl).stream().anyMatch(d -> services.contains(d.service()));
        return new AgentSummary(first.agentId(), List.copyOf(services), first.owner(), first.purpose(),
                first.version(), first.model(), first.riskTier(), suspended(first.agentId(), f) ? "SUSPENDED" : "ACTIVE",
                entries.stream().flatMap(a -> a.policySets().stream()).distinct().sorted().toList(),
                (int) entries.stream().flatMap(a -> a.tools().stream()).map(Tool::name).distinct().count(),
                live.size(), drift);
    }

    static boolean suspended(String agentId, Facts f) {
        return f.suspensions().stream().anyMatch(s -> s.active() && s.target() == SuspensionTarget.AGENT
                && s.targetId().equals(agentId));
    }

    static AgentDetail detail(List<Agent> entries, Facts f, Instant now, Duration ttl) {
        AgentSummary summary = summary(entries, f, now, ttl);
        Set<String> services = Set.copyOf(summary.services());
        Map<String, Tool> tools = new LinkedHashMap<>();
        entries.forEach(a -> a.tools().forEach(t -> tools.putIfAbsent(t.name(), t)));
        Set<String> sets = Set.copyOf(summary.policySets());
        Set<String> servers = tools.values().stream().map(Tool::mcpServer).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        List<Suspension> suspensions = f.suspensions().stream().filter(s -> s.active() && switch (s.target()) {
            case AGENT -> s.targetId().equals(summary.id());
            case TOOL -> tools.containsKey(s.targetId());
            case MCP_SERVER -> servers.contains(s.targetId());
        }).toList();
        List<Instance> instances = f.instances().stream().filter(i -> services.contains(i.service())).toList();
        return new AgentDetail(summary, List.copyOf(tools.values()),
                f.versions().stream().filter(v -> services.contains(v.service()) && sets.contains(v.policySet()))
                        .toList(),
                instances, Drift.of(instances, now, ttl),
                f.mcp().stream().filter(m -> services.contains(m.service()) && servers.contains(m.serverId()))
                        .toList(),
                f.edges().stream().filter(e -> e.fromAgent().equals(summary.id()) || e.toAgent().equals(summary.id()))
                        .toList(),
                f.undeclared().stream().filter(u -> u.agentId().equals(summary.id())).toList(), suspensions);
    }

    static List<AgentDetail> details(Facts f, Instant now, Duration ttl) {
        List<AgentDetail> out = new ArrayList<>();
        byId(f.agents()).values().forEach(e -> out.add(detail(e, f, now, ttl)));
        return out;
    }
}
