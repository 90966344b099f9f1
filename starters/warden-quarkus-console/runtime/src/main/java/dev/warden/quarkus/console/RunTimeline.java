package dev.warden.quarkus.console;

import dev.warden.core.Verdict;
import dev.warden.core.audit.DecisionRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A run's forensic timeline, one row per audited checkpoint, shaped for the page: plane verdicts, rule ids, labels
 * before and after (marked where they rose), digests, latency, the delegation chain, and which rows are a human's
 * decision (an approval or a confirmation) or a hand-over to another agent.
 */
public final class RunTimeline {
    private RunTimeline() {}

    /** One checkpoint as shown. */
    public record Row(String runId, String userId, String agentId, long seq, String time, int step, String checkpoint, String tool, String outcome, String code,
            String reason, String rules, String policies, List<Plane> planes, String labelsBefore,
            String labelsAfter, boolean labelsRose, String argsDigest, String contentDigest, long latencyMicros,
            String chain, String traceId, String hash, String kind) {}

    /** One plane's verdict at a checkpoint. */
    public record Plane(String plane, String decision, String mode, String rules, String code, String reason) {}

    /** Another run of the same trace (a delegation into another agent, here or in a service sharing the store). */
    public record Related(String runId, String agentId, String userId, String firstTime) {}

    public static List<Row> rows(List<DecisionRecord> records) {
        List<Row> rows = new ArrayList<>(records.size());
        for (DecisionRecord r : records) {
            String before = labels(r.labelsBefore());
            String after = labels(r.labelsAfter());
            List<Plane> planes = r.planes() == null ? List.of() : r.planes().stream()
                    .map(p -> new Plane(p.plane(), p.decision(), p.mode(), join(p.ruleIds()), p.code(), p.reason()))
                    .toList();
            rows.add(new Row(r.runId(), r.userId(), r.agentId(), r.seq() == null ? -1 : r.seq(), r.time(), r.step(), r.checkpoint(), r.tool(),
                    r.outcome(), r.code(), r.reason(), join(r.ruleIds()), join(r.policies()), planes, before, after,
                    !before.equals(after), r.argsDigest(), r.contentDigest(), r.latencyMicros(), join(r.chain()),
                    r.traceId(), r.hash(), kind(r)));
        }
        return rows;
    }

    /** {@code human} for an approver's or requester's decision, {@code delegation}, {@code refused} or {@code step}. */
    static String kind(DecisionRecord r) {
        if (r.planes() != null && r.planes().stream().anyMatch(p -> Verdict.APPROVAL_PLANE.equals(p.plane())
                || Verdict.CONFIRMATION_PLANE.equals(p.plane()))) {
            return "human";
        }
        if (r.checkpoint() != null && r.checkpoint().startsWith("DELEGATION")) {
            return "delegation";
        }
        if ("DENY".equals(r.outcome()) || "ERROR".equals(r.outcome())) {
            return "refused";
        }
        return "step";
    }

    /** The trace ids of a run's records (a run resumed after approval may have two). */
    public static Set<String> traceIds(List<DecisionRecord> records) {
        return records.stream().map(DecisionRecord::traceId).filter(t -> t != null && !t.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The other runs among {@code candidates} that share one of {@code traceIds}, in order of first appearance. */
    public static List<Related> related(String runId, Set<String> traceIds, List<DecisionRecord> candidates) {
        List<Related> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DecisionRecord r : candidates) {
            if (r.runId() != null && !r.runId().equals(runId) && traceIds.contains(r.traceId())
                    && seen.add(r.runId())) {
                out.add(new Related(r.runId(), r.agentId(), r.userId(), r.time()));
            }
        }
        return out;
    }

    static String labels(DecisionRecord.LabelsEntry l) {
        if (l == null) {
            return "";
        }
        String cats = l.categories() == null || l.categories().isEmpty() ? "" : " " + String.join("+", l.categories());
        return l.level() + cats + (l.integrity() == null ? "" : " " + l.integrity());
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }
}
