package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicySet;
import dev.warden.quarkus.EdgeInventory;
import dev.warden.quarkus.EdgeInventory.DeclaredEdge;
import dev.warden.quarkus.WardenAgent;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.McpServer;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Registration;
import dev.warden.quarkus.inventory.InventoryModel.Tool;
import dev.warden.quarkus.runtime.AgentBeans;
import dev.warden.quarkus.runtime.AgentRegistry.RegisteredAgent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What this instance registers: its agents with their tools (from the tool registries the agents were built with),
 * the policy sets it serves, the MCP servers behind its tools, and its fingerprints. A tool named
 * {@code <server>__<tool>} is served by MCP server {@code <server>} (the gateway's default exposed name), and as only
 * pinned tools are registered, its description hash is the hash of the pinned description. Delegation edges come from
 * the service's {@link EdgeInventory} beans.
 */
public final class LocalRegistration {
    /** Separator of the MCP server id in an exposed tool name ({@code McpServerPolicy}'s default prefix). */
    public static final String MCP_SEPARATOR = "__";

    private LocalRegistration() {}

    /** The MCP server of an exposed tool name, or {@code null}. */
    public static String mcpServerOf(String toolName) {
        int i = toolName == null ? -1 : toolName.indexOf(MCP_SEPARATOR);
        return i > 0 ? toolName.substring(0, i) : null;
    }

    static Agent agent(RegisteredAgent a, String service, String model) {
        List<Tool> tools = a.agent().toolRegistry().descriptors().stream()
                .sorted(Comparator.comparing(ToolDescriptor::name))
                .map(LocalRegistration::tool).toList();
        String tier = a.agent().toolRegistry().descriptors().stream().map(ToolDescriptor::risk)
                .max(Comparator.naturalOrder()).orElse(Risk.LOW).name();
        return new Agent(a.id(), service, a.owner(), a.description(), a.version(), model, tier, a.policies(), tools);
    }

    static Tool tool(ToolDescriptor d) {
        String description = d.specification() == null ? null : d.specification().description();
        return new Tool(d.name(), description, d.effects().stream().map(Enum::name).sorted().toList(), d.risk().name(),
                String.valueOf(d.sourceLabels()), String.valueOf(d.sinkClearance()), Fingerprints.tool(d),
                d.declared(), mcpServerOf(d.name()));
    }

    /** Model bean name per agent id: the agent's own {@code @WardenAgent(model)} or the service default. */
    static Map<String, String> models(List<String> agentClasses, String defaultModel) {
        Map<String, String> out = new TreeMap<>();
        for (String className : agentClasses) {
            WardenAgent def = AgentBeans.load(className).getAnnotation(WardenAgent.class);
            if (def != null) {
                out.put(def.id(), def.model().isEmpty() ? defaultModel : def.model());
            }
        }
        return out;
    }

    public static Registration build(String service, String instanceId, String version, String host, Instant startedAt,
            Instant now, Collection<RegisteredAgent> registered, Map<String, String> models,
            List<PolicySet> sets, Map<String, PolicyVersion> knownVersions, String changedBy) {
        return build(service, instanceId, version, host, startedAt, now, registered, models, sets, knownVersions,
                changedBy, List.of());
    }

    /**
     * @param declaredEdges the delegation edges the service's {@link EdgeInventory} beans declare; an agent's edge to
     *     each MCP server behind its tools is added ({@code kind = mcp})
     */
    public static Registration build(String service, String instanceId, String version, String host, Instant startedAt,
            Instant now, Collection<RegisteredAgent> registered, Map<String, String> models,
            List<PolicySet> sets, Map<String, PolicyVersion> knownVersions, String changedBy,
            List<DeclaredEdge> declaredEdges) {
        List<Agent> agents = registered.stream().map(a -> agent(a, service, models.getOrDefault(a.id(), "default")))
                .sorted(Comparator.comparing(Agent::agentId)).toList();
        Map<String, String> setVersions = new TreeMap<>();
        Map<String, String> setPrints = new TreeMap<>();
        List<PolicyVersion> policies = new ArrayList<>();
        for (PolicySet s : sets) {
            String print = Fingerprints.policySet(s);
            setVersions.put(s.name(), s.version());
            setPrints.put(s.name(), print);
            PolicyVersion known = knownVersions.get(s.name());
            policies.add(known != null && known.fingerprint().equals(print) ? known
                    : new PolicyVersion(service, s.name(), s.version(), print, s.source(), now, changedBy,
                            instanceId));
        }
        Map<String, String> toolPrints = new TreeMap<>();
        Map<String, Set<String>> mcpTools = new TreeMap<>();
        Map<String, Map<String, String>> mcpHashes = new TreeMap<>();
        for (Agent a : agents) {
            for (Tool t : a.tools()) {
                toolPrints.put(a.agentId() + "/" + t.name(), t.schemaHash());
                if (t.mcpServer() != null) {
                    mcpTools.computeIfAbsent(t.mcpServer(), k -> new TreeSet<>()).add(t.name());
                    mcpHashes.computeIfAbsent(t.mcpServer(), k -> new TreeMap<>()).put(t.name(), t.schemaHash());
                }
            }
        }
        List<McpServer> mcp = mcpTools.entrySet().stream().map(e -> new McpServer(e.getKey(), service,
                List.copyOf(e.getValue()), Fingerprints.combined(mcpHashes.get(e.getKey())))).toList();
        Instance instance = new Instance(instanceId, service, version, host, startedAt, now,
                Fingerprints.combined(setPrints), Fingerprints.combined(toolPrints), setVersions);
        return new Registration(instance, agents, policies, mcp, edges(service, now, agents, declaredEdges));
    }

    /** Declared edges, one per (caller, kind, callee), sorted; plus each agent's edges to its tools' MCP servers. */
    static List<Edge> edges(String service, Instant now, List<Agent> agents, List<DeclaredEdge> declared) {
        Map<String, Edge> out = new TreeMap<>();
        for (DeclaredEdge d : declared) {
            Edge e = new Edge(service, d.fromAgent(), d.toAgent(), d.kind(), sorted(d.scopes()), sorted(d.purposes()),
                    true, now, now);
            out.putIfAbsent(e.key(), e);
        }
        for (Agent a : agents) {
            for (Tool t : a.tools()) {
                if (t.mcpServer() != null) {
                    Edge e = new Edge(service, a.agentId(), t.mcpServer(), DeclaredEdge.MCP, List.of(), List.of(),
                            true, now, now);
                    out.putIfAbsent(e.key(), e);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** {@code from → to} pairs of the declared agent-to-agent edges (not MCP, not inbound ones). */
    public static Set<String> declaredDelegations(Registration r) {
        return r.edges().stream().filter(e -> !DeclaredEdge.MCP.equals(e.kind()) && !"inbound".equals(e.kind()))
                .map(e -> pair(e.fromAgent(), e.toAgent())).collect(Collectors.toUnmodifiableSet());
    }

    /** The key of a delegation from {@code from} to {@code to} in {@link #declaredDelegations}. */
    public static String pair(String from, String to) {
        return from + "\n" + to;
    }

    /** Tool names per agent id: what the inventory declares each agent may call. */
    public static Map<String, Set<String>> declaredTools(Registration r) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Agent a : r.agents()) {
            out.put(a.agentId(), a.tools().stream().filter(Tool::declared).map(Tool::name)
                    .collect(Collectors.toUnmodifiableSet()));
        }
        return Map.copyOf(out);
    }
}
