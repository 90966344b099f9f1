package dev.warden.core.audit;

import dev.warden.core.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Which decision records to read back for forensics. Every criterion is optional ({@code null} matches anything);
 * {@code from} is inclusive and {@code to} exclusive; {@code limit} caps the result (newest records are kept).
 * {@code tool} matches the record's tool name exactly; {@code decision} matches its outcome, one of the
 * {@link Outcome} names ({@code ALLOW}, {@code TRANSFORM}, {@code REQUIRE_CONFIRMATION}, {@code REQUIRE_APPROVAL},
 * {@code DENY}, {@code ERROR}).
 *
 * <pre>{@code
 * List<DecisionRecord> denials = sink.query(AuditFilter.all().run(runId).decision(Outcome.DENY));
 * }</pre>
 */
public record AuditFilter(String tenant, String runId, String userId, String agentId, String tool, String decision,
        Instant from, Instant to, int limit) {

    /** Upper bound of records one query returns. */
    public static final int MAX_LIMIT = 10_000;

    public AuditFilter {
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' must be before 'to'");
        }
        if (decision != null) {
            try {
                Outcome.valueOf(decision);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("decision must be one of "
                        + Arrays.toString(Outcome.values()) + ", got '" + decision + "'");
            }
        }
    }

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null, null, null, 1000);
    }

    public AuditFilter run(String value) {
        return new AuditFilter(tenant, value, userId, agentId, tool, decision, from, to, limit);
    }

    public AuditFilter user(String value) {
        return new AuditFilter(tenant, runId, value, agentId, tool, decision, from, to, limit);
    }

    public AuditFilter agent(String value) {
        return new AuditFilter(tenant, runId, userId, value, tool, decision, from, to, limit);
    }

    /** Records of calls to the tool named {@code value}. */
    public AuditFilter tool(String value) {
        return new AuditFilter(tenant, runId, userId, agentId, value, decision, from, to, limit);
    }

    /** Records whose outcome is {@code value} ({@code null} matches any). */
    public AuditFilter decision(Outcome value) {
        return new AuditFilter(tenant, runId, userId, agentId, tool, value == null ? null : value.name(), from, to,
                limit);
    }

    public AuditFilter tenantOf(String value) {
        return new AuditFilter(value, runId, userId, agentId, tool, decision, from, to, limit);
    }

    public AuditFilter between(Instant start, Instant end) {
        return new AuditFilter(tenant, runId, userId, agentId, tool, decision, start, end, limit);
    }

    public AuditFilter limitTo(int value) {
        return new AuditFilter(tenant, runId, userId, agentId, tool, decision, from, to, value);
    }

    /** The records of {@code oldestFirst} that match, keeping the newest {@link #limit()}, oldest first. */
    public List<DecisionRecord> select(Iterable<DecisionRecord> oldestFirst) {
        ArrayDeque<DecisionRecord> kept = new ArrayDeque<>();
        for (DecisionRecord r : oldestFirst) {
            if (matches(r)) {
                if (kept.size() == limit) {
                    kept.removeFirst();
                }
                kept.addLast(r);
            }
        }
        return List.copyOf(kept);
    }

    /** Whether {@code r} satisfies every criterion given. */
    public boolean matches(DecisionRecord r) {
        if (tenant != null && !tenant.equals(r.tenant())) {
            return false;
        }
        if (runId != null && !runId.equals(r.runId())) {
            return false;
        }
        if (userId != null && !userId.equals(r.userId())) {
            return false;
        }
        if (agentId != null && !agentId.equals(r.agentId())) {
            return false;
        }
        if (tool != null && !tool.equals(r.tool())) {
            return false;
        }
        if (decision != null && !decision.equals(r.outcome())) {
            return false;
        }
        if (from == null && to == null) {
            return true;
        }
        Instant t = Instant.parse(r.time());
        return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
}
