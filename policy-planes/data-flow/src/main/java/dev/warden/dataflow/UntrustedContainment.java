package dev.warden.dataflow;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.dataflow.internal.ArgumentProvenance;
import dev.warden.dataflow.internal.ProvenanceOrigins;
import dev.warden.dataflow.internal.RunLedger;
import java.util.List;

/**
 * The injection-containment rules for a high-risk tool call: argument provenance first, then the configured action
 * once the context is untrusted. Holds even when the model is fully compromised, because it looks only at where
 * values came from and at the labels of what the run has seen, never at what the model says.
 */
final class UntrustedContainment {
    private UntrustedContainment() {}

    /** The blocking decision, or {@code null} when the call may proceed to the egress check. */
    static Decision decide(String plane, DataFlowConfig config, ArgumentProvenance provenance, ToolDescriptor tool,
            CheckpointRequest request, GovernanceContext context) {
        boolean untrusted = context.labels().isUntrusted();
        List<ArgumentProvenance.Trace> traces = provenance.trace(provenance.candidates(request.arguments()),
                context.runId(), DataFlowPlane.userInput(request));
        Basis provenanceBasis = Basis.rule(plane, null, null, DataFlowCodes.RULE_PROVENANCE);
        for (ArgumentProvenance.Trace t : traces) {
            if (!t.clean() && t.sighting().origin() == RunLedger.Origin.UNTRUSTED_ONLY) {
                return Decision.deny("argument '" + t.candidate().argument() + "' (" + t.candidate().kind() + ") of '"
                        + tool.name() + "' appears only in untrusted content (from '" + t.sighting().source()
                        + "'), not in the user's request or in trusted data", DataFlowCodes.PROVENANCE_UNTRUSTED,
                        provenanceBasis);
            }
        }
        if (untrusted && config.denyUnknownOrigin()) {
            for (ArgumentProvenance.Trace t : traces) {
                if (!t.clean()) {
                    return Decision.deny("argument '" + t.candidate().argument() + "' (" + t.candidate().kind()
                            + ") of '" + tool.name() + "' appears neither in the user's request nor in anything the"
                            + " run has seen, and untrusted content is in the context",
                            DataFlowCodes.PROVENANCE_UNKNOWN, provenanceBasis);
                }
            }
        }
        if (!untrusted) {
            return null;
        }
        Basis basis = Basis.rule(plane, null, null, DataFlowCodes.RULE_UNTRUSTED_HIGH_RISK);
        String why = "'" + tool.name() + "' has a high-risk effect " + tool.effects()
                + " and untrusted content is in the context";
        return switch (config.untrustedAction()) {
            case DENY -> Decision.deny(why, DataFlowCodes.UNTRUSTED_HIGH_RISK, basis);
            case REQUIRE_APPROVAL -> new Decision.RequireApproval(why, config.approverRoles(), config.approvalTtl(),
                    ProvenanceOrigins.of(traces), basis);
            case ALLOW_IF_PROVENANCE_CLEAN -> traces.isEmpty()
                    ? Decision.requireApproval(why + "; no argument value to trace", config.approverRoles(),
                            config.approvalTtl(), basis)
                    : null; // every value traced to the user or to trusted content above
        };
    }
}
