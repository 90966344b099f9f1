package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An agent's data-access map over a time window, derived from the audit trail of one tenant — what it actually did,
 * as opposed to what the inventory says it may do.
 *
 * <ul>
 *   <li><b>tools</b>: {@code TOOL_CALL} records per tool, by outcome;
 *   <li><b>labelsRead</b>: the context labels after content entered it ({@code TOOL_RESULT}, {@code RETRIEVAL},
 *       {@code DELEGATION_RESULT}), as {@code LEVEL} and {@code category} strings;
 *   <li><b>labelsWritten</b>: the context labels an action that went ahead carried into its sink;
 *   <li><b>sinks</b>: where data went when it went ahead — a tool, {@code user} (the answer), {@code delegation};
 *   <li><b>users</b>: records and runs per user served (records of runs only: an officer suspending the agent is
 *       in {@code records}, not among its users);
 *   <li><b>decisions</b>: every non-allow outcome per rule id (denials, approvals and confirmations asked, errors);
 *   <li><b>delegations</b>: {@code DELEGATION} records per callee, by outcome, mapped to the inventory's declared
 *       edge from this agent to that callee (its kind, or {@code declared: false} when there is none). The callee is
 *       the record's own {@code tool} (a {@code DELEGATION} record names its callee there, whether or not arguments
 *       are captured); records written before it did fall back to the captured {@code agent} argument, and are
 *       counted under callee {@code null} when that was not captured either.
 * </ul>
 */
public final class AccessMap {
    /** Most records read for one map; more is reported as {@code truncated}. */
    static final int MAX_RECORDS = 100_000;

    public record ToolUse(String tool, long calls, Map<String, Long> outcomes) {}

    public record SinkUse(String sink, long count, List<String> labels) {}

    public record UserUse(String userId, long records, long runs) {}

    public record RuleOutcome(String ruleId, String outcome, long count) {}

    /** Delegations to one callee; {@code kind} and {@code declared} come from the inventory's edge. */
    public record DelegationUse(String agent, String kind, boolean declared, long count, Map<String, Long> outcomes) {}

    public record View(String agentId, String tenant, Instant from, Instant to, long records, boolean truncated,
            List<ToolUse> tools, List<String> labelsRead, List<String> labelsWritten, List<SinkUse> sinks,
            List<UserUse> users, List<RuleOutcome> decisions, List<DelegationUse> delegations) {
        /** A map without delegations (the shape before delegations were mapped; kept for callers that build one). */
        public View(String agentId, String tenant, Instant from, Instant to, long records, boolean truncated,
                List<ToolUse> tools, List<String> labelsRead, List<String> labelsWritten, List<SinkUse> sinks,
                List<UserUse> users, List<RuleOutcome> decisions) {
            this(agentId, tenant, from, to, records, truncated, tools, labelsRead, labelsWritten, sinks, users,
                    decisions, List.of());
        }
    }

    private AccessMap() {}

    /** Reads the window newest first, page by page (the trail keeps the newest of a page), and folds it. */
    public static View of(AuditSink sink, String tenant, String agentId, Instant from, Instant to) {
        return of(sink, tenant, agentId, from, to, Map.of());
    }

    /** @param edges the inventory's declared edges from this agent, by callee id (their kind) */
    public static View of(AuditSink sink, String tenant, String agentId, Instant from, Instant to,
            Map<String, String> edges) {
        List<DecisionRecord> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant upper = to;
        boolean truncated = false;
        while (true) {
            List<DecisionRecord> page = sink.query(new AuditFilter(tenant, null, null, agentId, null, null, from, upper,
                    AuditFilter.MAX_LIMIT));
            int added = 0;
            Instant oldest = null;
            for (DecisionRecord r : page) {
                if (seen.add(r.tenant() + "/" + r.seq() + "/" + r.hash())) {
                    all.add(r);
                    added++;
                }
                Instant t = Instant.parse(r.time());
                oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
            }
            if (page.size() < AuditFilter.MAX_LIMIT) {
                break;
            }
            if (added == 0 || all.size() >= MAX_RECORDS || oldest == null || (from != null && !oldest.isAfter(from))) {
                truncated = true;
                break;
            }
            upper = oldest.plusNanos(1); // records at the oldest instant may continue on the next page; dedup above
        }
        return fold(agentId, tenant, from, to, all, truncated, edges);
    }

    static View fold(String agentId, String tenant, Instant from, Instant to, List<DecisionRecord> records,
            boolean truncated) {
        return fold(agentId, tenant, from, to, records, truncated, Map.of());
    }

    static View fold(String agentId, String tenant, Instant from, Instant to, List<DecisionRecord> records,
            boolean truncated, Map<String, String> edges) {
        Map<String, Map<String, Long>> delegations = new TreeMap<>(java.util.Comparator.nullsFirst(
                java.util.Comparator.naturalOrder()));
        Map<String, Map<String, Long>> tools = new TreeMap<>();
        Set<String> read = new TreeSet<>();
        Set<String> written = new TreeSet<>();
        Map<String, Long> sinkCounts = new TreeMap<>();
        Map<String, Set<String>> sinkLabels = new TreeMap<>();
        Map<String, Long> userRecords = new TreeMap<>();
        Map<String, Set<String>> userRuns = new TreeMap<>();
        Map<String, Long> rules = new TreeMap<>();
        for (DecisionRecord r : records) {
            String cp = r.checkpoint();
            String outcome = r.outcome();
            boolean proceeded = "ALLOW".equals(outcome) || "TRANSFORM".equals(outcome);
            if (r.userId() != null && r.runId() != null) { // users served by runs, not officers flipping switches
                userRecords.merge(r.userId(), 1L, Long::sum);
                if (r.runId() != null) {
                    userRuns.computeIfAbsent(r.userId(), k -> new TreeSet<>()).add(r.runId());
                }
            }
            if ("DELEGATION".equals(cp)) {
                Object callee = r.tool() != null ? r.tool() : r.args() == null ? null : r.args().get("agent");
                delegations.computeIfAbsent(callee instanceof String c ? c : null, k -> new TreeMap<>())
                        .merge(outcome, 1L, Long::sum);
            }
            if ("TOOL_CALL".equals(cp) && r.tool() != null) {
                tools.computeIfAbsent(r.tool(), k -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
            }
            if (("TOOL_RESULT".equals(cp) || "RETRIEVAL".equals(cp) || "DELEGATION_RESULT".equals(cp)) && proceeded) {
                read.addAll(labels(r.labelsAfter()));
            }
            String sink = "TOOL_CALL".equals(cp) ? r.tool() : "AGENT_OUTPUT".equals(cp) ? "user"
                    : "DELEGATION".equals(cp) ? "delegation" : null;
            if (sink != null && proceeded) {
                List<String> carried = labels(r.labelsBefore());
                written.addAll(carried);
                sinkCounts.merge(sink, 1L, Long::sum);
                sinkLabels.computeIfAbsent(sink, k -> new TreeSet<>()).addAll(carried);
            }
            if (!"ALLOW".equals(outcome) && outcome != null && r.ruleIds() != null) {
                for (String rule : r.ruleIds()) {
                    rules.merge(rule + "\n" + outcome, 1L, Long::sum);
                }
            }
        }
        return new View(agentId, tenant, from, to, records.size(), truncated,
                tools.entrySet().stream().map(e -> new ToolUse(e.getKey(),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(e.getValue())))
                        .toList(),
                List.copyOf(read), List.copyOf(written),
                sinkCounts.entrySet().stream().map(e -> new SinkUse(e.getKey(), e.getValue(),
                        List.copyOf(sinkLabels.get(e.getKey())))).toList(),
                userRecords.entrySet().stream().map(e -> new UserUse(e.getKey(), e.getValue(),
                        userRuns.getOrDefault(e.getKey(), Set.of()).size())).toList(),
                rules.entrySet().stream().map(e -> {
                    String[] k = e.getKey().split("\n", 2);
                    return new RuleOutcome(k[0], k[1], e.getValue());
                }).toList(),
                delegations.entrySet().stream().map(e -> new DelegationUse(e.getKey(),
                        e.getKey() == null ? null : edges.get(e.getKey()),
                        e.getKey() != null && edges.containsKey(e.getKey()),
                        e.getValue().values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(e.getValue())))
                        .toList());
    }

    private static List<String> labels(DecisionRecord.LabelsEntry l) {
        if (l == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (l.level() != null) {
            out.add(l.level());
        }
        if (l.categories() != null) {
            out.addAll(l.categories());
        }
        return out;
    }
}
