package dev.warden.quarkus.inventory.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Edge;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.McpServer;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryModel.Tool;
import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import dev.warden.quarkus.inventory.SuspensionTarget;
import java.util.List;
import java.util.Map;

/** Entity ↔ model mapping; lists and maps are stored as JSON text. */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rows() {}

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> list(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inventory column: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inventory column: " + e.getOriginalMessage(), e);
        }
    }

    static String agentKey(String service, String agentId) {
        return service + "/" + agentId;
    }

    static AgentRow row(Agent a, java.time.Instant seen) {
        AgentRow r = new AgentRow();
        r.key = agentKey(a.service(), a.agentId());
        r.agentId = a.agentId();
        r.service = a.service();
        r.owner = a.owner();
        r.purpose = a.purpose();
        r.version = a.version();
        r.model = a.model();
        r.riskTier = a.riskTier();
        r.policySets = json(a.policySets());
        r.lastSeen = seen;
        return r;
    }

    static ToolRow row(Agent a, Tool t) {
        ToolRow r = new ToolRow();
        r.agentKey = agentKey(a.service(), a.agentId());
        r.key = r.agentKey + "/" + t.name();
        r.name = t.name();
        r.description = t.description();
        r.effects = json(t.effects());
        r.risk = t.risk();
        r.sourceLabels = t.sourceLabels();
        r.sinkClearance = t.sinkClearance();
        r.schemaHash = t.schemaHash();
        r.declared = t.declared();
        r.mcpServer = t.mcpServer();
        return r;
    }

    static Agent agent(AgentRow r, List<ToolRow> tools) {
        return new Agent(r.agentId, r.service, r.owner, r.purpose, r.version, r.model, r.riskTier,
                list(r.policySets), tools.stream().map(Rows::tool).toList());
    }

    static Tool tool(ToolRow t) {
        return new Tool(t.name, t.description, list(t.effects), t.risk, t.sourceLabels, t.sinkClearance,
                t.schemaHash, t.declared, t.mcpServer);
    }

    static InstanceRow row(Instance i) {
        InstanceRow r = new InstanceRow();
        r.instanceId = i.instanceId();
        r.service = i.service();
        r.version = i.version();
        r.host = i.host();
        r.startedAt = i.startedAt();
        r.lastHeartbeat = i.lastHeartbeat();
        r.policyFingerprint = i.policyFingerprint();
        r.toolFingerprint = i.toolFingerprint();
        r.policyVersions = json(i.policyVersions());
        return r;
    }

    static Instance instance(InstanceRow r) {
        return new Instance(r.instanceId, r.service, r.version, r.host, r.startedAt, r.lastHeartbeat,
                r.policyFingerprint, r.toolFingerprint, map(r.policyVersions));
    }

    static PolicyVersionRow row(PolicyVersion v) {
        PolicyVersionRow r = new PolicyVersionRow();
        r.service = v.service();
        r.policySet = v.policySet();
        r.version = v.version();
        r.fingerprint = v.fingerprint();
        r.source = v.source();
        r.changedAt = v.changedAt();
        r.changedBy = v.changedBy();
        r.instanceId = v.instanceId();
        return r;
    }

    static PolicyVersion version(PolicyVersionRow r) {
        return new PolicyVersion(r.service, r.policySet, r.version, r.fingerprint, r.source, r.changedAt, r.changedBy,
                r.instanceId);
    }

    static McpServerRow row(McpServer m) {
        McpServerRow r = new McpServerRow();
        r.key = m.service() + "/" + m.serverId();
        r.serverId = m.serverId();
        r.service = m.service();
        r.tools = json(m.tools());
        r.descriptionHash = m.descriptionHash();
        return r;
    }

    static McpServer mcp(McpServerRow r) {
        return new McpServer(r.serverId, r.service, list(r.tools), r.descriptionHash);
    }

    static Edge edge(EdgeRow r) {
        return new Edge(r.service, r.fromAgent, r.toAgent, r.kind, list(r.scopes), list(r.purposes), r.declared,
                r.firstSeen, r.lastSeen);
    }

    /** Fills {@code r} from {@code e}; a row already there keeps its {@code firstSeen}. */
    static EdgeRow row(EdgeRow r, Edge e) {
        boolean fresh = r.key == null;
        r.key = e.key();
        r.service = e.service();
        r.fromAgent = e.fromAgent();
        r.toAgent = e.toAgent();
        r.kind = e.kind();
        r.scopes = json(e.scopes());
        r.purposes = json(e.purposes());
        r.declared = r.declared || e.declared();
        r.firstSeen = fresh ? e.firstSeen() : r.firstSeen;
        r.lastSeen = e.lastSeen();
        return r;
    }

    static Suspension suspension(SuspensionRow r) {
        return new Suspension(r.id, SuspensionTarget.parse(r.target).orElseThrow(), r.targetId, r.reason,
                r.suspendedBy, r.suspendedAt, r.liftedBy, r.liftedAt);
    }

    static Undeclared undeclared(UndeclaredRow r) {
        return new Undeclared(r.service, r.agentId, r.kind, r.name, r.firstSeen, r.lastSeen, r.count, r.refused);
    }
}
