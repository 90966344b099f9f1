package dev.warden.policy.internal;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Obligation;
import dev.warden.policy.DecisionKind;
import dev.warden.policy.PolicyCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one {@link RuleIndex.Group}: highest priority level with a match decides; inside it deny overrides
 * approval overrides transform overrides allow. No match is a default allow. A condition that fails to evaluate is a
 * {@link Decision.Failure} (fail closed). Monitor rules run only when the enforced outcome is allow; their would-be
 * decision is returned marked {@link Basis.Mode#MONITOR}, or, when the enforced allow carries obligations, added as
 * a {@code warden.shadow-decision} obligation so those obligations are not lost.
 */
public final class RuleEvaluator {
    /** Obligation type that carries a shadow (monitor-mode) decision next to an enforced allow. */
    public static final String SHADOW_OBLIGATION = "warden.shadow-decision";

    private RuleEvaluator() {}

    public static Decision evaluate(String plane, RuleIndex.Group all, CheckpointRequest req,
            GovernanceContext ctx) {
        return evaluate(plane, all, req, ctx, null);
    }

    /** @param plugin the plane's plugin vocabulary (its variables are resolved on first use), or {@code null} */
    public static Decision evaluate(String plane, RuleIndex.Group all, CheckpointRequest req,
            GovernanceContext ctx, dev.warden.spi.RuleVocabulary plugin) {
        RuleIndex.Group group = all.forRequest(req);
        RequestActivation act = new RequestActivation(req, ctx, plugin);
        Decision enforced = pass(plane, group.enforced(), act, req);
        if (group.monitored().length == 0 || !(enforced instanceof Decision.Allow allow)) {
            return enforced;
        }
        Decision shadow = pass(plane, group.monitored(), act, req);
        if (shadow instanceof Decision.Allow) {
            return enforced;
        }
        if (allow.obligations().isEmpty()) {
            return shadow;
        }
        List<Obligation> obligations = new ArrayList<>(allow.obligations());
        Basis b = shadow.basis();
        obligations.add(new Obligation(SHADOW_OBLIGATION, Map.of("decision", shadow.getClass().getSimpleName(),
                "rules", String.join(",", b.ruleIds()), "policySet", String.valueOf(b.policySet()),
                "version", String.valueOf(b.policyVersion()))));
        return new Decision.Allow(obligations, allow.basis());
    }

    private static Decision pass(String plane, CompiledRule[] rules, RequestActivation act, CheckpointRequest req) {
        List<CompiledRule> matched = null;
        List<String> unanalysed = null; // rules that matched on SQL beyond the analysis bound
        String bound = null;
        int level = 0;
        for (CompiledRule r : rules) {
            if (matched != null && r.rule().priority() < level) {
                break;
            }
            if (r.rule().decision() == DecisionKind.DECLASSIFY) {
                continue; // a grant the data-flow plane asks for (grants), never a decision of its plane
            }
            if (r.guard() != null && !r.guard().admits(req, act.context())) {
                continue; // a cheap conjunct is false: the condition cannot hold
            }
            if (r.analysesSql()) {
                SqlKind.watch();
            }
            Object result = r.fast() == null ? null : r.fast().evaluate(act);
            if (result == null) { // not decidable in Java: CEL decides, and reports any error (fail closed)
                try {
                    result = r.condition().eval(act);
                } catch (Exception e) {
                    return failure(r, "condition of rule '" + r.id() + "' failed: " + e.getMessage());
                }
            }
            if (Boolean.TRUE.equals(result)) {
                if (matched == null) {
                    matched = new ArrayList<>(2);
                    level = r.rule().priority();
                }
                matched.add(r);
                if (r.analysesSql() && SqlKind.boundHit() != null) {
                    unanalysed = unanalysed == null ? new ArrayList<>(1) : unanalysed;
                    unanalysed.add(r.id());
                    bound = bound == null ? SqlKind.boundHit() : bound;
                }
            } else if (!(result instanceof Boolean)) {
                return failure(r, "condition of rule '" + r.id() + "' did not yield a bool");
            }
        }
        if (matched == null) {
            return Decision.allow(plane);
        }
        Decision decided = DecisionBuilder.decide(matched, act, req);
        return unanalysed == null ? decided : tooComplex(decided, unanalysed, bound);
    }

    /**
     * A deny that a rule gave because the SQL it examined was beyond the analysis bound says so (decision 0049): code
     * {@link PolicyCodes#SQL_TOO_COMPLEX}, the bound in the reason, the deciding rules kept. Any other decision stands.
     */
    static Decision tooComplex(Decision decided, List<String> unanalysed, String bound) {
        if (!(decided instanceof Decision.Deny deny) || deny.basis().ruleIds().stream()
                .noneMatch(unanalysed::contains)) {
            return decided;
        }
        return new Decision.Deny("SQL " + bound + "; " + deny.reason(), PolicyCodes.SQL_TOO_COMPLEX, deny.basis());
    }

    /** The grants of the enforced declassify rules whose conditions hold; a failing condition grants nothing. */
    public static List<dev.warden.core.Declassification.Grant> grants(RuleIndex.Group all, CheckpointRequest req,
            GovernanceContext ctx) {
        RuleIndex.Group group = all.forRequest(req);
        RequestActivation act = new RequestActivation(req, ctx, null);
        List<dev.warden.core.Declassification.Grant> out = new ArrayList<>();
        for (CompiledRule r : group.enforced()) {
            if (r.rule().decision() != DecisionKind.DECLASSIFY || r.rule().declassify() == null
                    || r.guard() != null && !r.guard().admits(req, act.context())) {
                continue;
            }
            Object result;
            try {
                result = r.fast() == null ? null : r.fast().evaluate(act);
                if (result == null) {
                    result = r.condition().eval(act);
                }
            } catch (Exception e) {
                continue;
            }
            if (Boolean.TRUE.equals(result)) {
                var g = r.rule().declassify();
                out.add(new dev.warden.core.Declassification.Grant(g.ruleId(), g.categories(), g.level(),
                        r.rule().ttl(), r.rule().reason()));
            }
        }
        return out;
    }

    static Decision.Failure failure(CompiledRule r, String reason) {
        return new Decision.Failure(reason, PolicyCodes.EVALUATION_ERROR, r.basis());
    }

    static DecisionKind strongest(List<CompiledRule> matched) {
        DecisionKind k = DecisionKind.ALLOW;
        for (CompiledRule r : matched) {
            if (r.rule().decision().strength() > k.strength()) {
                k = r.rule().decision();
            }
        }
        return k;
    }
}
