package dev.warden.core.agent;

import dev.warden.core.Verdict;
import java.util.List;

/** One checkpoint's verdict as reported to the caller of a run (the full record is in the audit trail). */
public record DecisionSummary(int step, String checkpoint, String outcome, String tool, List<String> ruleIds,
        String code, String reason) {

    public static DecisionSummary of(int step, Verdict v) {
        var req = v.effectiveRequest();
        return new DecisionSummary(step, v.checkpoint().name(), v.outcome().name(),
                req == null ? null : req.toolName(), v.ruleIds(), v.code(), v.reason());
    }
}
