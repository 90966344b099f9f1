package dev.warden.redteam;

import java.util.List;

/**
 * What happened in one run of a scenario.
 *
 * @param scenarioId the scenario
 * @param strategy the model strategy
 * @param variant the adaptive variant, or {@code null}
 * @param status how the run ended ({@code COMPLETED}, {@code DENIED}, {@code AWAITING_APPROVAL}…)
 * @param utility whether the user task's ground-truth check held afterwards
 * @param attackSucceeded whether the attacker's goal check held afterwards (always false for benign runs)
 * @param stoppedBy for each attack call that did not run: {@code OUTCOME rule-id,…} (e.g. {@code DENY df-argument-provenance});
 *        a human refusal of a held call reads {@code HUMAN-REFUSED rule-id}
 * @param note anything the report should show (harness problems, approvals given)
 */
public record AttemptResult(String scenarioId, Strategy strategy, String variant, String status, boolean utility,
        boolean attackSucceeded, List<String> stoppedBy, String note) {
    public AttemptResult {
        stoppedBy = List.copyOf(stoppedBy);
    }
}
