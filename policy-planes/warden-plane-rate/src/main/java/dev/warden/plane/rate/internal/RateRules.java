package dev.warden.plane.rate.internal;

import dev.warden.core.Obligation;
import dev.warden.plane.rate.RateLimit;
import dev.warden.policy.PolicyProblem;
import dev.warden.policy.PolicyRule;
import dev.warden.policy.PolicySet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rate-limit} obligations of the active {@code plane: <name>} rules, indexed so that an allow the engine
 * returns (rule ids + obligations) maps back to the limits to count. Immutable; rebuilt on every accepted reload.
 */
public final class RateRules {
    /** One limit of one rule; {@code problem} is set when the obligation is invalid (the call is then blocked). */
    public record Bound(RateLimit limit, String ruleId, String counter, String policySet, String version,
            String problem) {}

    private final Map<Obligation, List<Bound>> byObligation;
    private final List<PolicyProblem> problems;

    private RateRules(Map<Obligation, List<Bound>> byObligation, List<PolicyProblem> problems) {
        this.byObligation = byObligation;
        this.problems = problems;
    }

    public static RateRules of(String plane, List<PolicySet> sets) {
        Map<Obligation, List<Bound>> index = new HashMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        for (PolicySet set : sets) {
            for (PolicyRule rule : set.rules()) {
                if (!plane.equals(rule.plane())) {
                    continue;
                }
                boolean limits = false;
                for (Obligation o : rule.obligations()) {
                    if (!RateLimit.OBLIGATION.equals(o.type())) {
                        continue;
                    }
                    limits = true;
                    String counter = "rate:" + set.name() + "/" + rule.id();
                    Bound b;
                    try {
                        b = new Bound(RateLimit.fromObligation(rule.id(), o), rule.id(), counter, set.name(),
                                set.version(), null);
                    } catch (IllegalArgumentException e) {
                        String msg = "rate-limit of rule '" + rule.id() + "': " + e.getMessage();
                        problems.add(new PolicyProblem(set.source(), rule.line(), rule.id(), msg));
                        b = new Bound(null, rule.id(), counter, set.name(), set.version(), msg);
                    }
                    index.computeIfAbsent(o, k -> new ArrayList<>()).add(b);
                }
                if (!limits && rule.decision() == dev.warden.policy.DecisionKind.ALLOW) {
                    problems.add(new PolicyProblem(set.source(), rule.line(), rule.id(), "an allow rule of plane '"
                            + plane + "' needs a '" + RateLimit.OBLIGATION + "' obligation (it would meter nothing)"));
                }
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new RateRules(Map.copyOf(index), List.copyOf(problems));
    }

    /** Problems found in the rules (invalid or missing {@code rate-limit} obligations). */
    public List<PolicyProblem> problems() {
        return problems;
    }

    /** The limits an allow with these rule ids and obligations imposes, in obligation order. */
    public List<Bound> limitsOf(List<String> ruleIds, List<Obligation> obligations) {
        List<Bound> out = new ArrayList<>(obligations.size());
        for (Obligation o : obligations) {
            List<Bound> candidates = byObligation.get(o);
            if (candidates == null) {
                continue;
            }
            for (Bound b : candidates) {
                if (ruleIds.contains(b.ruleId()) && !out.contains(b)) {
                    out.add(b);
                }
            }
        }
        return out;
    }
}
