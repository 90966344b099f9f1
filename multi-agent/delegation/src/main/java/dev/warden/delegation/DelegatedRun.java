package dev.warden.delegation;

import dev.warden.core.FlowLabels;
import dev.warden.core.LabelledValue;
import dev.warden.core.Labels;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import java.util.List;
import java.util.Objects;

/**
 * What a callee returned, local or remote.
 *
 * @param runId the callee's run id (may be {@code null} when the callee refused before running)
 * @param status how the callee's run ended
 * @param output the callee's answer or a notice of why there is none
 * @param labels what its output holds (decision 0029: the labels of the answer as its governor sees it leave, never
 *     lower than what flows into it; the callee's whole context label when that cannot be told finer)
 * @param code stable code of what stopped the callee, if anything
 * @param decisions the callee's checkpoint verdicts, for the caller's diagnostics
 * @param base the labels of the output apart from {@code values}
 * @param values values in the output whose labels are bound to them ({@link FlowLabels})
 * @param awaiting when the callee waits for its requester's confirmation ({@link RunStatus#AWAITING_CONFIRMATION}),
 *     the pending call; the caller's run relays it to the requester (decision 0039). {@code null} otherwise
 */
public record DelegatedRun(String runId, RunStatus status, String output, Labels labels, String code,
        List<DecisionSummary> decisions, Labels base, List<LabelledValue> values,
        dev.warden.core.agent.PendingApproval awaiting) {
    public DelegatedRun {
        Objects.requireNonNull(status, "status");
        output = output == null ? "" : output;
        labels = labels == null ? Labels.PUBLIC : labels;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        values = values == null ? List.of() : List.copyOf(values);
        // values without the labels of the rest cannot be kept apart: the output is labelled whole
        base = values.isEmpty() || base == null ? labels : base;
        if (base != labels && !labels.dominates(base)) {
            base = labels;
            values = List.of();
        }
    }

    /** An output labelled as a whole. */
    public DelegatedRun(String runId, RunStatus status, String output, Labels labels, String code,
            List<DecisionSummary> decisions) {
        this(runId, status, output, labels, code, decisions, null, List.of(), null);
    }

    /** An output with value-bound values, not waiting for anyone. */
    public DelegatedRun(String runId, RunStatus status, String output, Labels labels, String code,
            List<DecisionSummary> decisions, Labels base, List<LabelledValue> values) {
        this(runId, status, output, labels, code, decisions, base, values, null);
    }

    /** A run labelled by its whole context (what it saw). */
    public static DelegatedRun of(RunResult r) {
        return new DelegatedRun(r.runId(), r.status(), r.output(), r.context().labels(), r.code(), r.decisions());
    }

    /** A run labelled by what its output holds ({@link dev.warden.core.agent.GovernedAgent#outputFlow}). */
    public static DelegatedRun of(RunResult r, FlowLabels flow) {
        return new DelegatedRun(r.runId(), r.status(), r.output(), flow.labels(), r.code(), r.decisions(),
                flow.base(), flow.values(), r.status() == RunStatus.AWAITING_CONFIRMATION ? r.approval() : null);
    }

    /** A refusal before the callee ran (token rejected, unknown agent…). */
    public static DelegatedRun refused(String code, String reason) {
        return new DelegatedRun(null, RunStatus.DENIED, reason, Labels.PUBLIC, code, List.of());
    }
}
