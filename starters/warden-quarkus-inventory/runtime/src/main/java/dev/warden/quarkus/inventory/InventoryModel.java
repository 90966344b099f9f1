package dev.warden.quarkus.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The facts the inventory keeps, as immutable records shared by every {@link InventoryStore} and the REST API. Ids:
 * an agent is named by its {@code @WardenAgent} id and the service that runs it; a tool by its name within an agent.
 */
public final class InventoryModel {
    private InventoryModel() {}

    /**
     * A tool as an agent has it.
     *
     * @param effects {@code READ}, {@code WRITE}, {@code EXTERNAL}, … sorted
     * @param sourceLabels labels of what the tool returns ({@code LEVEL/cat,cat})
     * @param sinkClearance the most sensitive data the tool may receive
     * @param schemaHash SHA-256 of name, description, argument schema and governance descriptor
     * @param declared whether the tool carries a governance descriptor (undescribed MCP tools do not)
     * @param mcpServer the MCP server serving it, or {@code null}
     */
    public record Tool(String name, String description, List<String> effects, String risk, String sourceLabels,
            String sinkClearance, String schemaHash, boolean declared, String mcpServer) {
        public Tool {
            effects = List.copyOf(effects);
        }
    }

    /**
     * An agent as a service runs it.
     *
     * @param riskTier the highest risk of its tools ({@code LOW} without tools)
     * @param model the model bean it uses ({@code default}, {@code scripted}, a provider name)
     */
    public record Agent(String agentId, String service, String owner, String purpose, String version, String model,
            String riskTier, List<String> policySets, List<Tool> tools) {
        public Agent {
            policySets = List.copyOf(policySets);
            tools = List.copyOf(tools);
        }
    }

    /**
     * A version of a policy set as a service first served it.
     *
     * @param fingerprint SHA-256 of the set's rules (order-independent fields), so an edited file under the same
     *     {@code metadata.version} is still a new version
     * @param changedBy {@code warden:startup} or {@code warden:policy-reload}, with the instance that loaded it
     */
    public record PolicyVersion(String service, String policySet, String version, String fingerprint, String source,
            Instant changedAt, String changedBy, String instanceId) {}

    /** An MCP server whose tools a service registered; {@code descriptionHash} covers every pinned description. */
    public record McpServer(String serverId, String service, List<String> tools, String descriptionHash) {
        public McpServer {
            tools = List.copyOf(tools);
        }
    }

    /**
     * A declared edge from an agent of {@code service} to another agent or an MCP server.
     *
     * @param kind how the callee is reached: {@code local}, {@code warden-http}, {@code a2a} (or another transport),
     *     {@code inbound} (an agent of another service calls ours), {@code mcp} ({@code toAgent} is an MCP server)
     * @param scopes the trust edge's most granted scopes, sorted (empty: no narrowing beyond the caller's)
     * @param purposes the task purposes the edge is trusted for, sorted (empty: any)
     * @param declared whether a registration declared it (undeclared delegations are counted as undeclared activity)
     */
    public record Edge(String service, String fromAgent, String toAgent, String kind, List<String> scopes,
            List<String> purposes, boolean declared, Instant firstSeen, Instant lastSeen) {
        public Edge {
            scopes = List.copyOf(scopes);
            purposes = List.copyOf(purposes);
        }

        /** The store key: one edge per service, caller, kind and callee. */
        public String key() {
            return service + "/" + fromAgent + "/" + kind + "/" + toAgent;
        }
    }

    /**
     * A running replica of a service.
     *
     * @param policyFingerprint hash over the policy sets it serves (name, version, rules)
     * @param toolFingerprint hash over the tool schemas of its agents
     * @param policyVersions policy set name → version it serves
     */
    public record Instance(String instanceId, String service, String version, String host, Instant startedAt,
            Instant lastHeartbeat, String policyFingerprint, String toolFingerprint,
            Map<String, String> policyVersions) {
        public Instance {
            policyVersions = Map.copyOf(policyVersions);
        }
    }

    /** A kill switch, active until {@code liftedAt} is set. Who and why are kept both ways. */
    public record Suspension(String id, SuspensionTarget target, String targetId, String reason, String suspendedBy,
            Instant suspendedAt, String liftedBy, Instant liftedAt) {
        public boolean active() {
            return liftedAt == null;
        }
    }

    /**
     * Activity at a checkpoint that the inventory did not declare: a tool an agent was not registered with (or
     * without a governance descriptor), a delegation to an agent no service registered.
     *
     * @param kind {@code tool} or {@code agent}
     * @param refused how many of the attempts were refused ({@code warden.inventory.undeclared=deny})
     */
    public record Undeclared(String service, String agentId, String kind, String name, Instant firstSeen,
            Instant lastSeen, long count, long refused) {}

    /** Everything one instance registers at start, after a policy reload, and with every heartbeat. */
    public record Registration(Instance instance, List<Agent> agents, List<PolicyVersion> policies,
            List<McpServer> mcpServers, List<Edge> edges) {
        public Registration {
            agents = List.copyOf(agents);
            policies = List.copyOf(policies);
            mcpServers = List.copyOf(mcpServers);
            edges = List.copyOf(edges);
        }
    }
}
