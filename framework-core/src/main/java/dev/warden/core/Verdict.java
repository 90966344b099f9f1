package dev.warden.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The combined decision of all planes at one checkpoint, produced by the {@link Governor}.
 *
 * @param checkpoint where it was taken
 * @param outcome the combined outcome
 * @param reason reason of the deciding decision(s); {@code null} on a plain allow
 * @param code stable code of the deciding deny/failure, else {@code null}
 * @param decisions each consulted plane's decision in evaluation order
 * @param obligations obligations accumulated from all enforced, non-blocking decisions
 * @param effectiveRequest the request after all transforms (same as the original when nothing changed)
 * @param approval the deciding approval requirement when {@code outcome == REQUIRE_APPROVAL}
 * @param latencyNanos time spent evaluating
 * @param confirmation the deciding confirmation requirement when {@code outcome == REQUIRE_CONFIRMATION}; with
 *     {@code REQUIRE_APPROVAL}, a confirmation that declassifies, which the requester must give as well as the approver
 *     (decision 0040; see {@link #declassificationUnderApproval()}); {@code null} otherwise
 */
public record Verdict(
        Checkpoint checkpoint,
        Outcome outcome,
        String reason,
        String code,
        List<PlaneDecision> decisions,
        List<Obligation> obligations,
        CheckpointRequest effectiveRequest,
        Decision.RequireApproval approval,
        Decision.RequireConfirmation confirmation,
        long latencyNanos) {

    public Verdict {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        obligations = obligations == null ? List.of() : List.copyOf(obligations);
    }

    /** A verdict that is not a confirmation requirement. */
    public Verdict(Checkpoint checkpoint, Outcome outcome, String reason, String code, List<PlaneDecision> decisions,
            List<Obligation> obligations, CheckpointRequest effectiveRequest, Decision.RequireApproval approval,
            long latencyNanos) {
        this(checkpoint, outcome, reason, code, decisions, obligations, effectiveRequest, approval, null,
                latencyNanos);
    }

    /** A verdict the runtime reaches without consulting planes (unknown tool, malformed arguments…). */
    public static Verdict synthetic(CheckpointRequest request, Outcome outcome, String reason, String code) {
        Decision d = outcome == Outcome.ERROR
                ? Decision.failure(reason, code, Basis.of(Governor.RUNTIME_PLANE))
                : Decision.deny(reason, code, Basis.of(Governor.RUNTIME_PLANE));
        Checkpoint cp = request == null ? Checkpoint.TOOL_CALL : request.checkpoint();
        return new Verdict(cp, outcome, reason, code, List.of(new PlaneDecision(Governor.RUNTIME_PLANE, d, 0)),
                List.of(), request, null, 0);
    }

    /** Plane name recorded for human approval decisions. */
    public static final String APPROVAL_PLANE = "warden-approval";
    /** Plane name recorded for the requester's confirmation decisions. */
    public static final String CONFIRMATION_PLANE = "warden-confirmation";

    /** The verdict of a human approver on a suspended call: ALLOW when approved, DENY otherwise. */
    public static Verdict humanDecision(CheckpointRequest request, boolean approved, String reason, String code,
            List<String> ruleIds) {
        return humanDecision(APPROVAL_PLANE, request, approved, reason, code, ruleIds);
    }

    /**
     * The verdict of a human on a suspended call, recorded as plane {@code plane} ({@link #APPROVAL_PLANE} or
     * {@link #CONFIRMATION_PLANE}): ALLOW when approved or confirmed, DENY otherwise. {@code code} is recorded either
     * way (an allowed call that a requester declassified carries {@link Declassification#DECLASSIFIED}).
     */
    public static Verdict humanDecision(String plane, CheckpointRequest request, boolean approved, String reason,
            String code, List<String> ruleIds) {
        Basis basis = new Basis(plane, null, null, ruleIds, Basis.Mode.ENFORCE);
        Decision d = approved ? Decision.allow(basis) : Decision.deny(reason, code, basis);
        return new Verdict(request.checkpoint(), approved ? Outcome.ALLOW : Outcome.DENY, reason,
                code, List.of(new PlaneDecision(plane, d, 0)), List.of(), request, null, 0);
    }

    public boolean proceeds() {
        return outcome.proceeds();
    }

    /**
     * Whether this verdict asks a second person's approval <em>and</em> the requester's confirmation of a
     * declassification (decision 0040). Both must be given; a caller that can ask only one refuses the call.
     */
    public boolean declassificationUnderApproval() {
        return outcome == Outcome.REQUIRE_APPROVAL && confirmation != null
                && confirmation.declassification() != null;
    }

    /** Ids of the enforced rules that contributed to the outcome (all rules of blocking decisions when blocked). */
    public List<String> ruleIds() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (PlaneDecision pd : decisions) {
            Decision d = pd.decision();
            if (!d.basis().enforced()) {
                continue;
            }
            boolean contributes = switch (outcome) {
                case DENY, ERROR -> d instanceof Decision.Deny || d instanceof Decision.Failure;
                case REQUIRE_APPROVAL -> d instanceof Decision.RequireApproval
                        || confirmation != null && d instanceof Decision.RequireConfirmation c
                        && c.declassification() != null;
                case REQUIRE_CONFIRMATION -> d instanceof Decision.RequireConfirmation;
                case TRANSFORM -> d instanceof Decision.Transform || d instanceof Decision.Allow;
                case ALLOW -> true;
            };
            if (contributes) {
                ids.addAll(d.basis().ruleIds());
            }
        }
        return new ArrayList<>(ids);
    }

    /**
     * Where the call's arguments came from, as the enforced decisions (allow, approval or confirmation, deciding or
     * not) report it, in plane order; the first plane to describe an argument wins. Empty when nobody knows.
     */
    public List<ArgumentOrigin> origins() {
        java.util.LinkedHashMap<String, ArgumentOrigin> byArgument = new java.util.LinkedHashMap<>();
        for (PlaneDecision pd : decisions) {
            Decision d = pd.decision();
            if (!d.basis().enforced()) {
                continue;
            }
            List<ArgumentOrigin> os = d instanceof Decision.RequireApproval ra ? ra.origins()
                    : d instanceof Decision.RequireConfirmation rc ? rc.origins()
                    : d instanceof Decision.Allow a ? a.origins() : List.of();
            for (ArgumentOrigin o : os) {
                byArgument.putIfAbsent(o.argument(), o);
            }
        }
        return new ArrayList<>(byArgument.values());
    }

    /** Policy sets consulted, as {@code name@version}, for the audit record and span attributes. */
    public List<String> policies() {
        LinkedHashSet<String> sets = new LinkedHashSet<>();
        for (PlaneDecision pd : decisions) {
            Basis b = pd.decision().basis();
            if (b.policySet() != null) {
                sets.add(b.policyVersion() == null ? b.policySet() : b.policySet() + "@" + b.policyVersion());
            }
        }
        return new ArrayList<>(sets);
    }
}
