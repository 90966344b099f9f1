package dev.warden.quarkus.runtime;

import dev.warden.core.agent.DecisionSummary.PlaneVerdict;
import dev.warden.quarkus.api.Dtos.DecisionView;
import dev.warden.quarkus.api.Dtos.RunView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the recent runs that makes equal parts of their views one instance (decision 0071): the agent and user
 * ids, the status, the output, each decision with its planes and rule ids, and a run's whole list of decisions. Runs of
 * one agent repeat these (the same checkpoints decided by the same rules), yet each run built its own copies: ~1.5 KiB
 * per run, ~14 MiB of the banking sample's live set after 10,000 runs.
 *
 * <p>Only equal values are shared, so a view answers exactly as before; views are immutable records, so sharing is
 * safe. A pass keeps its table only while it runs (nothing is retained between passes) and runs when the service is
 * idle, before the idle compaction, never on a run's path. The pending confirmation's arguments are left as they are.
 */
final class SharedRunParts {
    private final Map<Object, Object> seen = new HashMap<>();

    /** The view with every part that equals one seen before in this pass replaced by that one. */
    RunView share(RunView v) {
        RunView shared = new RunView(v.runId(), str(v.agentId()), str(v.userId()), str(v.status()), str(v.output()),
                v.approvalId(), str(v.code()), decisions(v.decisions()), v.updatedAt(), v.confirmationId(),
                v.confirmation());
        return shared.equals(v) ? shared : v; // a record with an unusual equals is kept as it was
    }

    String str(String s) {
        return s == null ? null : one(s);
    }

    private List<DecisionView> decisions(List<DecisionView> decisions) {
        if (decisions == null) {
            return null;
        }
        List<DecisionView> out = new ArrayList<>(decisions.size());
        for (DecisionView d : decisions) {
            out.add(d == null ? null : one(new DecisionView(d.step(), str(d.checkpoint()), str(d.decision()),
                    str(d.tool()), strings(d.ruleIds()), str(d.code()), str(d.reason()), planes(d.planes()))));
        }
        return one(list(out));
    }

    private List<PlaneVerdict> planes(List<PlaneVerdict> planes) {
        if (planes == null) {
            return null;
        }
        List<PlaneVerdict> out = new ArrayList<>(planes.size());
        for (PlaneVerdict p : planes) {
            out.add(p == null ? null : one(new PlaneVerdict(str(p.plane()), str(p.decision()), str(p.mode()),
                    strings(p.ruleIds()), str(p.code()), str(p.reason()))));
        }
        return one(list(out));
    }

    private List<String> strings(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>(values.size());
        for (String s : values) {
            out.add(str(s));
        }
        return one(list(out));
    }

    /** Immutable, and as {@code List.copyOf} keeps it as it is (records that copy their lists keep sharing it). */
    private static <T> List<T> list(List<T> values) {
        for (T v : values) {
            if (v == null) {
                return java.util.Collections.unmodifiableList(values);
            }
        }
        return List.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    private <T> T one(T value) {
        Object first = seen.putIfAbsent(value, value);
        return first == null ? value : (T) first;
    }
}
