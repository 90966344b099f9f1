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
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-argument sinks: an argument with a clearance of its own (a transfer subject the payee reads) may not carry
 * what is above it. Its labels are the join of what the detectors find in it and, for every IBAN or number of three
 * or more digits in it that the run has seen but the user did not type, the context's labels (the run's high-water
 * mark of what it has read: the balance, the user's own IBAN). Above clearance the call is held for approval.
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
        for (ArgumentLeaves.Leaf leaf : ArgumentLeaves.of(args)) {
            Labels clearance = tool.argumentClearances().get(leaf.path().toLowerCase(Locale.ROOT));
            if (clearance == null || !(leaf.value() instanceof String value)) {
                continue;
            }
            Labels flow = Labels.PUBLIC;
            TreeSet<String> why = new TreeSet<>();
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
}
