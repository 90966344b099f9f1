package dev.warden.delegation;

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
 * @param labels the callee's final context labels: what its output may contain
 * @param code stable code of what stopped the callee, if anything
 * @param decisions the callee's checkpoint verdicts, for the caller's diagnostics
 */
public record DelegatedRun(String runId, RunStatus status, String output, Labels labels, String code,
        List<DecisionSummary> decisions) {
    public DelegatedRun {
        Objects.requireNonNull(status, "status");
        output = output == null ? "" : output;
        labels = labels == null ? Labels.PUBLIC : labels;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    public static DelegatedRun of(RunResult r) {
        return new DelegatedRun(r.runId(), r.status(), r.output(), r.context().labels(), r.code(), r.decisions());
    }

    /** A refusal before the callee ran (token rejected, unknown agent…). */
    public static DelegatedRun refused(String code, String reason) {
        return new DelegatedRun(null, RunStatus.DENIED, reason, Labels.PUBLIC, code, List.of());
    }
}
