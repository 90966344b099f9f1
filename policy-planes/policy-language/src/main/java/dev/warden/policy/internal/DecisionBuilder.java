package dev.warden.policy.internal;

import dev.cel.runtime.CelRuntime;
import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Obligation;
import dev.warden.policy.DecisionKind;
import dev.warden.policy.PolicyCodes;
import dev.warden.policy.PolicyRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the rules that matched at the deciding priority level into one {@link Decision}. */
final class DecisionBuilder {
    private DecisionBuilder() {}

    static Decision decide(List<CompiledRule> matched, RequestActivation act, CheckpointRequest req) {
        DecisionKind kind = RuleEvaluator.strongest(matched);
        List<CompiledRule> deciding = new ArrayList<>(matched.size());
        for (CompiledRule r : matched) {
            if (r.rule().decision() == kind) {
                deciding.add(r);
            }
        }
        CompiledRule first = deciding.get(0);
        PolicyRule rule = first.rule();
        Basis basis = basis(deciding);
        return switch (kind) {
            case DENY -> new Decision.Deny(reason(rule, "denied by rule " + rule.id()),
                    rule.code() == null ? PolicyCodes.RULE_DENY : rule.code(), basis);
            case REQUIRE_APPROVAL -> approval(deciding, basis);
            case CONFIRM -> new Decision.RequireConfirmation(reason(rule, "confirmation required by rule " + rule.id()),
                    shortestTtl(deciding), List.of(), basis);
            case TRANSFORM -> transform(deciding, act, req, basis);
            case DECLASSIFY -> new Decision.Allow(List.of(), basis); // a grant is asked for, never decides
            case ALLOW -> {
                List<Obligation> obligations = new ArrayList<>();
                deciding.forEach(r -> obligations.addAll(r.rule().obligations()));
                yield new Decision.Allow(obligations, basis);
            }
        };
    }

    private static Basis basis(List<CompiledRule> deciding) {
        CompiledRule first = deciding.get(0);
        if (deciding.size() == 1) {
            return first.basis();
        }
        List<String> ids = new ArrayList<>(deciding.size());
        deciding.forEach(r -> ids.add(r.id()));
        Basis b = first.basis();
        return new Basis(b.plane(), b.policySet(), b.policyVersion(), ids, b.mode());
    }

    private static Decision approval(List<CompiledRule> deciding, Basis basis) {
        PolicyRule only = deciding.get(0).rule();
        if (deciding.size() == 1) { // its approver set is already immutable: nothing to merge or copy
            return new Decision.RequireApproval(reason(only, "approval required by rule " + only.id()),
                    only.approvers(), only.ttl(), basis);
        }
        Set<String> approvers = new LinkedHashSet<>();
        Duration ttl = null;
        for (CompiledRule r : deciding) {
            approvers.addAll(r.rule().approvers());
            Duration t = r.rule().ttl();
            if (t != null && (ttl == null || t.compareTo(ttl) < 0)) {
                ttl = t;
            }
        }
        PolicyRule rule = deciding.get(0).rule();
        return new Decision.RequireApproval(reason(rule, "approval required by rule " + rule.id()), approvers, ttl,
                basis);
    }

    private static Duration shortestTtl(List<CompiledRule> deciding) {
        Duration ttl = null;
        for (CompiledRule r : deciding) {
            Duration t = r.rule().ttl();
            if (t != null && (ttl == null || t.compareTo(ttl) < 0)) {
                ttl = t;
            }
        }
        return ttl;
    }

    private static Decision transform(List<CompiledRule> deciding, RequestActivation act, CheckpointRequest req,
            Basis basis) {
        Map<String, Object> args = new LinkedHashMap<>(req.arguments());
        List<String> reasons = new ArrayList<>();
        for (CompiledRule r : deciding) {
            for (Map.Entry<String, CelRuntime.Program> e : r.transforms().entrySet()) {
                Object value;
                try {
                    value = e.getValue().eval(act);
                } catch (Exception ex) {
                    return RuleEvaluator.failure(r, "set." + e.getKey() + " of rule '" + r.id() + "' failed: "
                            + ex.getMessage());
                }
                if (isNull(value)) {
                    args.remove(e.getKey());
                } else {
                    args.put(e.getKey(), value);
                }
            }
            reasons.add(reason(r.rule(), "arguments " + r.transforms().keySet() + " set by rule " + r.id()));
        }
        return Decision.redactArguments(args, String.join("; ", reasons), basis);
    }

    static boolean isNull(Object value) {
        return value == null || value.getClass().getSimpleName().equals("NullValue");
    }

    private static String reason(PolicyRule rule, String fallback) {
        return rule.reason() == null || rule.reason().isBlank() ? fallback : rule.reason();
    }
}
