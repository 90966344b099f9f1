package dev.warden.dataflow.internal;

import dev.warden.core.ArgumentOrigin;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import java.util.ArrayList;
import java.util.List;

/** Provenance traces as the core's {@link ArgumentOrigin}s, so approvers and confirming users see where values came from. */
public final class ProvenanceOrigins {
    /** Source named for a value found in the user's request. */
    public static final String USER_REQUEST = "user request";
    /** Provenance shown for a value found in a delegated run's task: the calling agent's model wrote it. */
    public static final String DELEGATED_TASK = "DELEGATED_TASK";

    private ProvenanceOrigins() {}

    public static List<ArgumentOrigin> of(List<ArgumentProvenance.Trace> traces) {
        return of(traces, null, null);
    }

    /** The agent whose delegated task {@code context}'s run carries out, or {@code null} for a person's run. */
    public static String delegatedBy(GovernanceContext context) {
        return context.chain().isEmpty() ? null : context.chain().get(context.chain().size() - 1).agentId();
    }

    /**
     * @param delegatedBy the agent whose task this run carries out, or {@code null} for a run a person started
     * @param delegatedTask that task's text ({@link dev.warden.core.CheckpointAttributes#DELEGATED_TASK}), or
     *     {@code null}: the calling agent's model wrote it, so a value found only there is shown as
     *     {@value #DELEGATED_TASK}, never as the person's request (session 12 outside probe, decision 0073); the
     *     person's own words reach a delegated run as its root request and are shown as theirs
     */
    public static List<ArgumentOrigin> of(List<ArgumentProvenance.Trace> traces, String delegatedBy,
            String delegatedTask) {
        String task = delegatedBy == null || delegatedTask == null ? null : ValueNormalizer.compact(delegatedTask);
        java.util.Set<String> taskAmounts = task == null ? java.util.Set.of() : ValueNormalizer.amounts(delegatedTask);
        List<ArgumentOrigin> out = new ArrayList<>(traces.size());
        for (ArgumentProvenance.Trace t : traces) {
            String argument = t.candidate().argument();
            if (t.inUserInput()) {
                out.add(new ArgumentOrigin(argument, ArgumentOrigin.USER, USER_REQUEST, Labels.PUBLIC));
                continue;
            }
            boolean inTask = task != null && (t.candidate().amount() ? taskAmounts.contains(t.candidate().normalised())
                    : task.contains(t.candidate().normalised()));
            if (inTask && t.sighting().origin() == RunLedger.Origin.NOWHERE) {
                out.add(new ArgumentOrigin(argument, DELEGATED_TASK, "the task from agent '" + delegatedBy + "'",
                        null));
                continue;
            }
            RunLedger.Sighting s = t.sighting();
            out.add(switch (s.origin()) {
                // the labels of the content the value was found in: an approver must not read a customer list
                // copied from a CONFIDENTIAL/PII query result as PUBLIC (session 12 outside probe)
                case TRUSTED -> new ArgumentOrigin(argument, ArgumentOrigin.TRUSTED, s.source(), s.labels());
                case UNTRUSTED_ONLY -> new ArgumentOrigin(argument, ArgumentOrigin.UNTRUSTED, s.source(),
                        s.labels());
                case NOWHERE -> new ArgumentOrigin(argument, ArgumentOrigin.UNKNOWN, null, null);
            });
        }
        return out;
    }
}
