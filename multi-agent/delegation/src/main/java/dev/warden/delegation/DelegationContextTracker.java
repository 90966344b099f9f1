package dev.warden.delegation;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Verdict;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.DecisionObserver;
import dev.warden.spi.PolicyPlane;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Bridges the governed loop and the delegate tool's executor, keyed by (run id, tool call id): the caller's context as
 * it stood at the permitted {@code TOOL_CALL}, and the labels of the delegated result for {@code TOOL_RESULT}.
 * Bounded; entries are removed when used.
 */
final class DelegationContextTracker implements DecisionObserver {
    record Captured(GovernanceContext context, Map<String, Object> arguments, int step) {}

    private final String toolName;
    private final Map<String, Captured> contexts;
    private final Map<String, Labels> labels;
    private final PolicyPlane plane = new ResultLabelsPlane();

    DelegationContextTracker(String toolName, int capacity) {
        this.toolName = toolName;
        this.contexts = bounded(capacity);
        this.labels = bounded(capacity);
    }

    @Override
    public void onDecision(CheckpointRequest request, GovernanceContext context, Verdict verdict,
            DecisionRecord record) {
        if (request.checkpoint() == Checkpoint.TOOL_CALL && toolName.equals(request.toolName()) && verdict.proceeds()) {
            CheckpointRequest eff = verdict.effectiveRequest() == null ? request : verdict.effectiveRequest();
            synchronized (this) {
                contexts.put(key(context.runId(), request.toolCallId()),
                        new Captured(context, eff.arguments(), request.step()));
            }
        }
    }

    synchronized Captured take(String runId, String callId) {
        return contexts.remove(key(runId, callId));
    }

    synchronized void resultLabels(String runId, String callId, Labels value) {
        labels.put(key(runId, callId), value);
    }

    PolicyPlane labelsPlane() {
        return plane;
    }

    private static String key(String runId, String callId) {
        return runId + "\u0000" + callId;
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Raises the delegate tool's result labels to what the callee saw; other tools pass untouched. */
    private final class ResultLabelsPlane implements PolicyPlane {
        @Override
        public String name() {
            return "delegation-result-labels";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_RESULT);
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            Basis basis = Basis.rule(name(), null, null, DelegationCodes.RULE_RESULT_LABELS);
            if (!toolName.equals(request.toolName())) {
                return Decision.allow(basis);
            }
            Labels l;
            synchronized (DelegationContextTracker.this) {
                l = labels.remove(key(context.runId(), request.toolCallId()));
            }
            return l == null || request.contentLabels().join(l).equals(request.contentLabels()) ? Decision.allow(basis)
                    : new Decision.Transform(null, null, l, "delegated result carries " + l, basis);
        }
    }
}
