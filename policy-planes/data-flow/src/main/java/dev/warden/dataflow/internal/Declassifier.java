package dev.warden.dataflow.internal;

import dev.warden.core.ArgumentOrigin;
import dev.warden.core.Basis;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Declassification;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.ToolDescriptor;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.spi.DeclassificationPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an egress refusal into the requester's declassification when policy grants it (decision 0039): the flow's
 * labels above the sink's clearance are all covered by a {@code declassify} grant, none of them is never
 * declassifiable, the requester is a human who can answer, and the run holds no untrusted content. Then the call waits for the requester's confirmation
 * of exactly its arguments; otherwise the refusal stands (with its own code when a grant applied but the runtime
 * refuses it).
 */
public final class Declassifier {
    private final String plane;
    private final DeclassificationPolicy policy;

    public Declassifier(String plane, DeclassificationPolicy policy) {
        this.plane = plane;
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The declassification for a refused egress of {@code flow} through {@code tool}, or {@code null}: refusal. */
    public Decision decide(ToolDescriptor tool, Labels flow, CheckpointRequest request, GovernanceContext context,
            List<ArgumentOrigin> origins) {
        List<Declassification.Grant> grants;
        try {
            grants = policy.grants(request, context);
        } catch (RuntimeException e) {
            return null; // fail closed: no grant, the refusal stands
        }
        if (grants == null || grants.isEmpty()) {
            return null;
        }
        Labels clearance = tool.sinkClearance();
        if (Declassification.never(flow)) {
            return refuse(Declassification.NEVER_DECLASSIFIABLE, "what '" + tool.name() + "' would send is labelled "
                    + EgressGuard.describe(flow) + ": credentials, secrets and content of unknown labels are never "
                    + "declassified", grants);
        }
        List<Declassification.Grant> covering = new ArrayList<>();
        for (Declassification.Grant g : grants) {
            if (Declassification.covers(g, flow, clearance)) {
                covering.add(g);
            }
        }
        if (covering.isEmpty()) {
            return null; // nothing lets the requester lower these labels: the refusal stands as it was
        }
        if (!Declassification.attended(context.user())) {
            return refuse(Declassification.NOBODY_TO_CONFIRM, "what '" + tool.name() + "' would send is labelled "
                    + EgressGuard.describe(flow) + ", above its clearance " + EgressGuard.describe(clearance)
                    + "; policy lets the requester declassify it, but nobody can confirm in this run (no attended "
                    + "human requester)", covering);
        }
        if (context.labels().isUntrusted() || flow.isUntrusted()) {
            // containment let the call through (not high-risk, or provenance clean), but an injected instruction may
            // have shaped the text: the requester sees the words, not a covert encoding in them (decision 0040)
            return refuse(Declassification.UNTRUSTED_RUN, "what '" + tool.name() + "' would send is labelled "
                    + EgressGuard.describe(flow) + ", above its clearance " + EgressGuard.describe(clearance)
                    + "; policy lets the requester declassify it, but not in a run holding untrusted content: what "
                    + "an injected instruction shaped may carry data in a form the requester cannot see", covering);
        }
        List<String> ids = covering.stream().map(Declassification.Grant::ruleId).toList();
        Duration ttl = covering.stream().map(Declassification.Grant::ttl).filter(Objects::nonNull)
                .min(Duration::compareTo).orElse(null);
        String why = covering.stream().map(Declassification.Grant::reason)
                .filter(r -> r != null && !r.isBlank()).findFirst().orElse(null);
        Declassification d = new Declassification(flow, clearance, tool.name(), ids);
        String reason = "declassification: what '" + tool.name() + "' would send is labelled "
                + EgressGuard.describe(flow) + ", above its clearance " + EgressGuard.describe(clearance)
                + "; confirming these exact arguments lowers it to " + EgressGuard.describe(clearance)
                + (why == null ? "" : " (" + why + ")");
        List<String> basisIds = new ArrayList<>(ids);
        basisIds.add(DataFlowCodes.RULE_EGRESS);
        return new Decision.RequireConfirmation(reason, ttl, origins, new Basis(plane, null, null, basisIds,
                Basis.Mode.ENFORCE), d);
    }

    private Decision refuse(String code, String reason, List<Declassification.Grant> grants) {
        List<String> ids = new ArrayList<>(grants.stream().map(Declassification.Grant::ruleId).toList());
        ids.add(Declassification.RULE);
        return Decision.deny(reason, code, new Basis(plane, null, null, ids, Basis.Mode.ENFORCE));
    }
}
