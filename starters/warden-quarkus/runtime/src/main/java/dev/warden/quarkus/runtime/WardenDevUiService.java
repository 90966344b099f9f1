package dev.warden.quarkus.runtime;

import dev.warden.core.ToolDescriptor;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicySet;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON-RPC methods behind the Warden card of the Quarkus Dev UI (dev mode only): the agents and their tools with
 * effects, risk and labels, the loaded policy sets with versions and any rejected reload, the latest decisions and
 * the pending approvals. Read-only: the Dev UI shows, it never decides. Every tenant is shown (it is the developer's
 * own running application); approval arguments are shown with secrets redacted, as the approvals API does.
 */
@Blocking
public class WardenDevUiService {
    /** At most this many decisions are returned by {@link #getLastDecisions(int)}. */
    static final int MAX_DECISIONS = 200;

    @Inject
    AgentRegistry agents;
    @Inject
    PolicyEngine engine;
    @Inject
    PolicyLoader loader;
    @Inject
    PolicyReloadJournal journal;
    @Inject
    AuditSink audit;
    @Inject
    SuspendedRunStore approvals;

    public WardenDevUiService() {}

    /** For tests: the same service over given beans. */
    public WardenDevUiService(AgentRegistry agents, PolicyEngine engine, PolicyLoader loader, PolicyReloadJournal journal,
            AuditSink audit, SuspendedRunStore approvals) {
        this.agents = agents;
        this.engine = engine;
        this.loader = loader;
        this.journal = journal;
        this.audit = audit;
        this.approvals = approvals;
    }

    /** Agents (sorted by id) with their tools. */
    public List<Map<String, Object>> getAgents() {
        List<Map<String, Object>> out = new ArrayList<>();
        agents.all().stream().sorted(Comparator.comparing(AgentRegistry.RegisteredAgent::id)).forEach(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("description", a.description());
            m.put("owner", a.owner());
            m.put("version", a.version());
            m.put("policies", a.policies());
            m.put("tools", a.agent().toolRegistry().descriptors().stream()
                    .sorted(Comparator.comparing(ToolDescriptor::name)).map(WardenDevUiService::tool).toList());
            out.add(m);
        });
        return out;
    }

    static Map<String, Object> tool(ToolDescriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("description", d.specification() == null ? null : d.specification().description());
        m.put("effects", d.effects().stream().map(Enum::name).sorted().toList());
        m.put("risk", d.risk().name());
        m.put("declared", d.declared());
        m.put("sourceLabels", String.valueOf(d.sourceLabels()));
        m.put("sinkClearance", String.valueOf(d.sinkClearance()));
        Map<String, String> clearances = new LinkedHashMap<>();
        d.argumentClearances().forEach((arg, labels) -> clearances.put(arg, String.valueOf(labels)));
        m.put("argumentClearances", clearances);
        m.put("secretArguments", d.secretArguments().stream().sorted().toList());
        return m;
    }

    /** Active policy sets, the latest reload attempt and every rejected edit still pending a fix. */
    public Map<String, Object> getPolicies() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> sets = new ArrayList<>();
        for (PolicySet s : engine.policySets()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("version", s.version());
            m.put("mode", s.mode() == null ? null : s.mode().name());
            m.put("rules", s.rules().size());
            m.put("source", s.source());
            sets.add(m);
        }
        out.put("sets", sets);
        out.put("watching", loader.watching());
        out.put("rejected", loader.rejected().stream().map(PolicyProblem::toString).toList());
        PolicyReloadJournal.Attempt last = journal.last();
        out.put("lastReload", last == null ? null : Map.of("at", last.at().toString(), "accepted", last.accepted(),
                "sources", last.sources(), "problems", last.problems().stream().map(PolicyProblem::toString).toList()));
        return out;
    }

    /** The newest {@code limit} decision records (1 to {@value #MAX_DECISIONS}), newest first. */
    public List<DecisionRecord> getLastDecisions(int limit) {
        int n = Math.max(1, Math.min(limit, MAX_DECISIONS));
        try {
            List<DecisionRecord> newestLast = audit.query(AuditFilter.all().limitTo(n));
            List<DecisionRecord> out = new ArrayList<>(newestLast);
            java.util.Collections.reverse(out);
            return out;
        } catch (UnsupportedOperationException writeOnly) {
            return List.of();
        }
    }

    /** How many approvals are pending (the card's label). */
    public String getPendingApprovalCount() {
        return String.valueOf(approvals.pending(null).size());
    }

    /** Pending approvals of every tenant, oldest first, arguments with secrets redacted. */
    public List<Map<String, Object>> getPendingApprovals() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PendingApproval p : approvals.pending(null)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("approvalId", p.approvalId());
            m.put("tenant", p.tenant());
            m.put("agentId", p.agentId());
            m.put("runId", p.runId());
            m.put("requesterId", p.requesterId());
            m.put("tool", p.toolName());
            m.put("arguments", p.shownArguments());
            m.put("reason", p.reason());
            m.put("ruleIds", p.ruleIds());
            m.put("approverRoles", p.approverRoles().stream().sorted().toList());
            m.put("requestedAt", String.valueOf(p.requestedAt()));
            m.put("expiresAt", String.valueOf(p.expiresAt()));
            out.add(m);
        }
        return out;
    }
}
