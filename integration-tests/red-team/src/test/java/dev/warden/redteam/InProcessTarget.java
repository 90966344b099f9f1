package dev.warden.redteam;

import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A target that runs attempts in-process and retries one (at most twice) when the injection never reached the model
 * because a plane overran its time budget on the way — a legitimate fail-closed outcome on a loaded machine, but one
 * that measures nothing. Any other undelivered injection is an error in the scenario.
 */
abstract class InProcessTarget implements ScenarioTarget {

    @Override
    public final AttemptResult run(Scenario s, Strategy strategy, Scenario.Variant variant) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt(s, strategy, variant);
            } catch (UndeliveredInjection e) {
                if (!e.budgetOverrun || retry >= 2) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    protected abstract AttemptResult attempt(Scenario s, Strategy strategy, Scenario.Variant variant);

    /**
     * What stopped each attack call of a run, from the {@code TOOL_CALL} verdicts recorded per call id: the deciding
     * outcome and rule ids, {@code HUMAN-REFUSED <rules>} for a held call the approver refused, {@code NOT-REACHED}
     * for a call the model never made. Calls that proceeded are not listed.
     */
    static List<String> stoppedBy(Map<String, List<Verdict>> byCall, PlanModel model) {
        List<String> out = new ArrayList<>();
        for (String id : model.attackCallIds().stream().sorted().toList()) {
            List<Verdict> vs = byCall.get(id);
            if (vs == null || vs.isEmpty()) {
                out.add("NOT-REACHED");
                continue;
            }
            Verdict last = vs.get(vs.size() - 1);
            if (last.proceeds()) {
                continue;
            }
            boolean held = vs.size() > 1 && vs.get(0).outcome() == Outcome.REQUIRE_APPROVAL;
            String outcome = held ? "HUMAN-REFUSED" : last.outcome().name();
            List<String> rules = held ? vs.get(0).ruleIds() : last.ruleIds();
            out.add(outcome + " " + (rules.isEmpty() ? String.valueOf(last.code()) : String.join("+", rules)));
        }
        return out;
    }

    /** The run ended before the model read the injection. */
    static final class UndeliveredInjection extends RuntimeException {
        final boolean budgetOverrun;

        UndeliveredInjection(String message, boolean budgetOverrun) {
            super(message);
            this.budgetOverrun = budgetOverrun;
        }
    }
}
