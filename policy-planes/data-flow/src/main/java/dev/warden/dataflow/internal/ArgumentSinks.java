package dev.warden.dataflow.internal;

import dev.warden.core.Basis;
import dev.warden.core.Decision;
import dev.warden.core.Labels;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.provenance.ValueForms;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-argument sinks: an argument with a clearance of its own (a transfer subject the payee reads) may not carry
 * what is above it. Its labels are the join of what the detectors find in it and, for every IBAN or number of three
 * or more digits in it that the run has seen but the user did not type, the context's labels (the run's high-water
 * mark of what it has read: the balance, the user's own IBAN). A number seen only in content from outside that also
 * names the IBAN the call pays (a bill's reference paid back to the bill's payee) is not counted (session 14, S14-U1).
 * Above clearance the call is held for approval.
 */
public final class ArgumentSinks {
    private final DataFlowConfig config;
    private final ContentLabeler labeler;
    private final RunLedger ledger;
    private final String plane;

    public ArgumentSinks(String plane, DataFlowConfig config, ContentLabeler labeler, RunLedger ledger) {
        this.plane = plane;
        this.config = config;
        this.labeler = labeler;
        this.ledger = ledger;
    }

    /** The holding decision, or {@code null} when every argument with its own sink is within its clearance. */
    public Decision check(ToolDescriptor tool, Map<String, Object> args, Labels context, String runId,
            String userInput) {
        if (tool.argumentClearances().isEmpty()) {
            return null;
        }
        String user = userInput == null ? "" : ValueForms.text(userInput);
        List<ArgumentLeaves.Leaf> leaves = ArgumentLeaves.of(args);
        for (ArgumentLeaves.Leaf leaf : leaves) {
            Labels clearance = tool.argumentClearances().get(leaf.path().toLowerCase(Locale.ROOT));
            if (clearance == null || !(leaf.value() instanceof String value)) {
                continue;
            }
            Labels flow = Labels.PUBLIC;
            TreeSet<String> why = new TreeSet<>();
            Set<String> destinations = destinations(leaves, leaf);
            ScanResult scan = config.detectors().scan(value);
            for (Finding f : scan.findings()) {
                if (!ValueForms.containsWhole(user, ValueForms.text(f.valueIn(value)))) {
                    flow = flow.join(config.labelsOfKind(f.kind().toUpperCase(Locale.ROOT)));
                    why.add(f.kind());
                }
            }
            for (String iban : ValueForms.ibansIn(value)) {
                if (!ValueForms.containsWhole(user.replace(" ", "").toUpperCase(Locale.ROOT), iban)
                        && ledger.find(runId, iban.toLowerCase(Locale.ROOT), false).origin()
                                != RunLedger.Origin.NOWHERE) {
                    flow = flow.join(context);
                    why.add("IBAN seen in the run");
                }
            }
            for (BigDecimal n : ValueForms.numbersIn(value)) {
                String plain = n.toPlainString();
                if (plain.replace(".", "").replace("-", "").length() >= 3 && !ValueForms.numbersIn(user).contains(n)
                        && !backToItsSource(runId, plain, destinations)
                        && ledger.find(runId, plain, true).origin() != RunLedger.Origin.NOWHERE) {
                    flow = flow.join(context);
                    why.add("number seen in the run");
                }
            }
            if (!EgressGuard.fits(clearance, flow)) {
                return Decision.requireApproval("argument '" + leaf.path() + "' of '" + tool.name()
                        + "' reaches a third party (clearance " + EgressGuard.describe(clearance) + ") and carries "
                        + EgressGuard.describe(flow) + " (" + String.join(", ", why) + ")", config.approverRoles(),
                        config.approvalTtl(), Basis.rule(plane, null, null, DataFlowCodes.RULE_ARGUMENT_SINK));
            }
        }
        return null;
    }

    /** The IBANs the call's other string arguments name (where the money and the subject go), lower case. */
    private static Set<String> destinations(List<ArgumentLeaves.Leaf> leaves, ArgumentLeaves.Leaf sink) {
        Set<String> out = new HashSet<>();
        for (ArgumentLeaves.Leaf other : leaves) {
            if (other != sink && other.value() instanceof String text) {
                ValueForms.ibansIn(text).forEach(iban -> out.add(iban.toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }

    /**
     * A number the run saw only in content from outside, in the same piece of content as the IBAN the call pays (a
     * bill's reference or period and the payee's IBAN in that bill), goes back to where it came from: it tells the
     * payee nothing the run learnt from the user's own records (those are trusted, and a number also seen there still
     * counts). Whether the payee itself may be paid is the policies' question (provenance of the recipient).
     */
    private boolean backToItsSource(String runId, String plain, Set<String> destinations) {
        if (destinations.isEmpty() || ledger.find(runId, plain, true).origin() != RunLedger.Origin.UNTRUSTED_ONLY) {
            return false;
        }
        for (String iban : destinations) {
            if (ledger.seenTogetherInUntrusted(runId, plain, iban)) {
                return true;
            }
        }
        return false;
    }
}
