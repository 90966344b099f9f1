package dev.warden.dataflow;

import dev.warden.core.Basis;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.dataflow.internal.ArgumentProvenance;
import dev.warden.dataflow.internal.ProvenanceOrigins;
import dev.warden.dataflow.internal.RunLedger;
import java.util.List;
import java.util.Map;

/**
 * The injection-containment rules for a high-risk tool call: argument provenance first, then the configured action
 * once the context is untrusted. Holds even when the model is fully compromised, because it looks only at where
 * values came from and at the labels of what the run has seen, never at what the model says.
 *
 * <p>When the request carries the runtime's per-argument provenance ({@link CheckpointAttributes#PROVENANCE}: whole
 * values, item-level labels, endorsed sources, derived amounts) it decides where each high-risk value came from;
 * the plane's own ledger answers only for requests without it.
 */
final class UntrustedContainment {
    private UntrustedContainment() {}

    /** The blocking decision, or {@code null} when the call may proceed to the egress check. */
    static Decision decide(String plane, DataFlowConfig config, ArgumentProvenance provenance, ToolDescriptor tool,
            CheckpointRequest request, GovernanceContext context) {
        boolean untrusted = context.labels().isUntrusted();
        Map<?, ?> runtime = request.attributes().get(CheckpointAttributes.PROVENANCE) instanceof Map<?, ?> m ? m : null;
        List<ArgumentProvenance.Trace> traces = provenance.trace(provenance.candidates(request.arguments()),
                context.runId(), DataFlowPlane.userInput(request));
        Basis provenanceBasis = Basis.rule(plane, null, null, DataFlowCodes.RULE_PROVENANCE);
        String endorsed = null;
        boolean allClean = true;
        for (ArgumentProvenance.Trace t : traces) {
            if ("EMAIL".equals(t.candidate().kind()) && config.internalAddress(t.candidate().normalised())) {
                continue; // a colleague is no exfiltration destination; egress decides what may reach them
            }
            String arg = t.candidate().argument();
            String kind = runtime == null ? ledgerKind(t) : kindOf(runtime, arg);
            String source = runtime == null ? t.sighting().source() : sourceOf(runtime, arg);
            Map<?, ?> quoted = runtime == null || !"none".equals(kind) ? null : embedded(runtime, arg, t.candidate());
            if (quoted != null) {
                // one definition of provenance: an address quoted inside a longer text (a mail body) is traced by the
                // runtime too, which knows endorsement and item labels; the ledger answers only what it does not
                kind = String.valueOf(quoted.get("kind"));
                source = String.valueOf(quoted.get("source"));
            }
            if (runtime != null && "none".equals(kind) && "untrusted".equals(ledgerKind(t))) {
                // the plane's detectors normalise forms the runtime's whole-value matching does not (an obfuscated
                // IBAN): where they find the value only in untrusted content, that is the stronger answer
                kind = "untrusted";
                source = t.sighting().source();
            } else if (runtime != null && "none".equals(kind) && t.clean()) {
                // likewise a value the detectors cut out of free text (a phone inside a mail body) that the user
                // typed or trusted content holds — a record's own phone field, split from its outside-written fields
                kind = "trusted";
                source = t.inUserInput() ? "user request" : t.sighting().source();
            }
            switch (kind) {
                case "untrusted" -> {
                    return Decision.deny("argument '" + arg + "' (" + t.candidate().kind() + ") of '" + tool.name()
                            + "' appears only in untrusted content (from '" + source + "'), not in the user's request"
                            + " or in trusted data", DataFlowCodes.PROVENANCE_UNTRUSTED, provenanceBasis);
                }
                case "none" -> {
                    allClean = false;
                    if (untrusted && config.denyUnknownOrigin()) {
                        return Decision.deny("argument '" + arg + "' (" + t.candidate().kind() + ") of '" + tool.name()
                                + "' appears neither in the user's request nor in anything the run has seen, and"
                                + " untrusted content is in the context", DataFlowCodes.PROVENANCE_UNKNOWN,
                                provenanceBasis);
                    }
                }
                case "endorsed" -> endorsed = endorsed == null ? "argument '" + arg + "' of '" + tool.name()
                        + "' comes from " + source + " (content the user pointed at but did not write)" : endorsed;
                default -> { }
            }
        }
        // an endorsed value is still untrusted content: escalation may soften the untrusted action, never a DENY
        if (endorsed != null && config.endorsedAction() == DataFlowConfig.EndorsedAction.REQUIRE_APPROVAL
                && config.untrustedAction() != DataFlowConfig.UntrustedAction.DENY) {
            return Decision.requireApproval(endorsed, config.approverRoles(), config.approvalTtl(),
                    Basis.rule(plane, null, null, DataFlowCodes.RULE_ENDORSED));
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
                    ProvenanceOrigins.of(traces, ProvenanceOrigins.delegatedBy(context),
                    DataFlowPlane.delegatedTask(request)), basis);
            case ALLOW_IF_PROVENANCE_CLEAN -> traces.isEmpty() && !allTraced(runtime)
                    ? Decision.requireApproval(why + "; no argument value to trace", config.approverRoles(),
                            config.approvalTtl(), basis)
                    : allClean ? null : Decision.requireApproval(why + "; an argument value has no provenance",
                            config.approverRoles(), config.approvalTtl(), basis);
        };
    }

    private static String ledgerKind(ArgumentProvenance.Trace t) {
        if (t.clean()) {
            return "user";
        }
        return t.sighting().origin() == RunLedger.Origin.UNTRUSTED_ONLY ? "untrusted" : "none";
    }

    /** The runtime kind of {@code path}'s argument; an argument the runtime did not trace counts as {@code none}. */
    private static String kindOf(Map<?, ?> runtime, String path) {
        return runtime.get(path) instanceof Map<?, ?> p && p.get("kind") instanceof String k ? k : "none";
    }

    /**
     * The runtime's provenance of the address {@code c} quoted inside argument {@code path}
     * ({@code attributes.provenance.<path>.embedded}), matched on the plane's normal form; {@code null} when the runtime
     * did not trace it or found it nowhere.
     */
    private static Map<?, ?> embedded(Map<?, ?> runtime, String path, ArgumentProvenance.Candidate c) {
        if (!(runtime.get(path) instanceof Map<?, ?> p) || !(p.get("embedded") instanceof Map<?, ?> quoted)) {
            return null;
        }
        for (Map.Entry<?, ?> e : quoted.entrySet()) {
            String value = String.valueOf(e.getKey());
            String form = "URL".equals(c.kind()) ? dev.warden.dataflow.internal.ContentLabeler.normalizeUrl(value)
                    : dev.warden.dataflow.internal.ValueNormalizer.compact(value);
            if ((form.equals(c.normalised()) || ("URL".equals(c.kind())
                    && c.normalised().replaceFirst("^[a-z][a-z0-9+.-]*://", "").equals(form)))
                    && e.getValue() instanceof Map<?, ?> q && !"none".equals(q.get("kind"))) {
                return q;
            }
        }
        return null;
    }

    private static String sourceOf(Map<?, ?> runtime, String path) {
        return runtime.get(path) instanceof Map<?, ?> p ? String.valueOf(p.get("source")) : "?";
    }

    /** With runtime provenance, a call whose every (non-boolean) argument is user or trusted needs no candidate. */
    private static boolean allTraced(Map<?, ?> runtime) {
        if (runtime == null || runtime.isEmpty()) {
            return false;
        }
        return runtime.values().stream().allMatch(v -> v instanceof Map<?, ?> p
                && ("user".equals(p.get("kind")) || "trusted".equals(p.get("kind"))));
    }
}
