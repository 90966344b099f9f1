package dev.warden.core.agent;

import dev.warden.core.Decision;
import dev.warden.core.PlaneDecision;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * One checkpoint's verdict as reported to the caller of a run (the full record is in the audit trail).
 *
 * @param planes the planes' own verdicts, each naming its plane: every plane that did more than allow (denied, failed,
 *     asked for approval or confirmation, transformed, or decided in monitor mode), and every allow too when the
 *     Governor reports allows ({@code Governor.Builder.reportAllowDecisions})
 */
public record DecisionSummary(int step, String checkpoint, String outcome, String tool, List<String> ruleIds,
        String code, String reason, List<PlaneVerdict> planes) {

    /**
     * One plane's verdict at a checkpoint.
     *
     * @param decision ALLOW, DENY, ERROR, REQUIRE_APPROVAL, REQUIRE_CONFIRMATION or TRANSFORM
     * @param mode ENFORCE or MONITOR (shadow: recorded, not enforced)
     */
    public record PlaneVerdict(String plane, String decision, String mode, List<String> ruleIds, String code,
            String reason) {
        public PlaneVerdict {
            ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        }
    }

    public DecisionSummary {
        ruleIds = ruleIds == null ? List.of() : List.copyOf(ruleIds);
        planes = planes == null ? List.of() : List.copyOf(planes);
    }

    /** Without plane verdicts. */
    public DecisionSummary(int step, String checkpoint, String outcome, String tool, List<String> ruleIds,
            String code, String reason) {
        this(step, checkpoint, outcome, tool, ruleIds, code, reason, List.of());
    }

    public static DecisionSummary of(int step, Verdict v) {
        return of(step, v, false);
    }

    /** @param includeAllows whether planes that simply allowed are listed too */
    public static DecisionSummary of(int step, Verdict v, boolean includeAllows) {
        var req = v.effectiveRequest();
        return new DecisionSummary(step, v.checkpoint().name(), v.outcome().name(),
                req == null ? null : req.toolName(), v.ruleIds(), v.code(), v.reason(), planes(v, includeAllows));
    }

    /** This summary with every reason passed through {@code scrub} (secret values removed). */
    public DecisionSummary scrubbed(java.util.function.UnaryOperator<String> scrub) {
        List<PlaneVerdict> ps = new ArrayList<>(planes.size());
        planes.forEach(p -> ps.add(new PlaneVerdict(p.plane(), p.decision(), p.mode(), p.ruleIds(), p.code(),
                scrub.apply(p.reason()))));
        return new DecisionSummary(step, checkpoint, outcome, tool, ruleIds, code, scrub.apply(reason), ps);
    }

    private static List<PlaneVerdict> planes(Verdict v, boolean includeAllows) {
        List<PlaneVerdict> out = new ArrayList<>(v.decisions().size());
        for (PlaneDecision pd : v.decisions()) {
            Decision d = pd.decision();
            boolean plainAllow = d instanceof Decision.Allow && d.basis().enforced();
            if (plainAllow && !includeAllows) {
                continue;
            }
            out.add(new PlaneVerdict(pd.plane(), d.kind(), d.basis().mode().name(), d.basis().ruleIds(), d.code(),
                    d.reason()));
        }
        return out;
    }
}
