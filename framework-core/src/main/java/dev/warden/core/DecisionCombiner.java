package dev.warden.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The combining algebra, as a pure function.
 *
 * <ol>
 *   <li>Only {@link Basis.Mode#ENFORCE} decisions count; monitor decisions are carried for the record.</li>
 *   <li>Any Deny → {@link Outcome#DENY}; else any Failure → {@link Outcome#ERROR} (both block: fail closed).</li>
 *   <li>Else any RequireApproval → {@link Outcome#REQUIRE_APPROVAL} (the first in plane order decides roles; the
 *       shortest time-to-live wins). A RequireConfirmation that carries a {@link Declassification} is kept in the
 *       verdict ({@link Verdict#confirmation()}): the requester must confirm it <em>and</em> the approver approve.</li>
 *   <li>Else any RequireConfirmation → {@link Outcome#REQUIRE_CONFIRMATION} (the first in plane order gives the
 *       reason; the shortest time-to-live wins).</li>
 *   <li>Else any Transform → {@link Outcome#TRANSFORM}; else {@link Outcome#ALLOW}.</li>
 *   <li>Obligations of all enforced Allow decisions accumulate in plane order.</li>
 * </ol>
 * The outcome depends only on the multiset of decisions, never on their order; reasons, codes and the approval's
 * roles come from the first deciding plane in the documented plane order.
 *
 * <p>Why approval outranks confirmation: a confirmation asks the requester "did you mean this?"; an approval asks a
 * second person "may this happen?". When one plane wants a second person, the requester's own yes cannot be enough,
 * so the stronger gate wins — and the approver is shown the user's request, the run's trace and every argument's
 * origin (including those the confirming plane gave), so the question the confirmation would have asked is still
 * answered by someone. Confirmation outranks Transform and Allow because it gates the call itself.
 *
 * <p>Why a declassification is not answered by an approval (decision 0040): lowering labels rests on the requester
 * having seen exactly what leaves and vouched for it (decision 0039); a second person's "may this happen?" is not that
 * statement, and would let an egress above clearance out with no {@code WARDEN-DCL-0720} record. So both are asked —
 * the runtime suspends for the requester first and, once confirmed, for the approver. A caller that can ask only one
 * of them refuses the call ({@link Declassification#NOT_BOTH}).
 */
public final class DecisionCombiner {
    private DecisionCombiner() {}

    public static Verdict combine(Checkpoint checkpoint, List<PlaneDecision> decisions, CheckpointRequest effective,
            long latencyNanos) {
        Decision.Deny firstDeny = null;
        Decision.Failure firstFailure = null;
        Decision.RequireApproval approval = null;
        Decision.RequireConfirmation confirmation = null;
        boolean transformed = false;
        List<Obligation> obligations = List.of();
        for (int i = 0, n = decisions.size(); i < n; i++) {
            Decision d = decisions.get(i).decision();
            if (!d.basis().enforced()) {
                continue;
            }
            if (d instanceof Decision.Deny deny) {
                if (firstDeny == null) {
                    firstDeny = deny;
                }
            } else if (d instanceof Decision.Failure failure) {
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            } else if (d instanceof Decision.RequireApproval ra) {
                approval = approval == null ? ra : merge(approval, ra);
            } else if (d instanceof Decision.RequireConfirmation rc) {
                confirmation = confirmation == null ? rc : merge(confirmation, rc);
            } else if (d instanceof Decision.Transform) {
                transformed = true;
            } else if (d instanceof Decision.Allow allow && !allow.obligations().isEmpty()) {
                if (obligations.isEmpty()) {
                    obligations = new ArrayList<>();
                }
                obligations.addAll(allow.obligations());
            }
        }
        if (firstDeny != null) {
            return new Verdict(checkpoint, Outcome.DENY, firstDeny.reason(), firstDeny.code(), decisions, obligations,
                    effective, null, latencyNanos);
        }
        if (firstFailure != null) {
            return new Verdict(checkpoint, Outcome.ERROR, firstFailure.reason(), firstFailure.code(), decisions,
                    obligations, effective, null, latencyNanos);
        }
        if (approval != null) {
            // an approval never stands in for a declassification: the declassifying confirmation stays in the verdict
            Decision.RequireConfirmation declassifying = confirmation != null
                    && confirmation.declassification() != null ? confirmation : null;
            return new Verdict(checkpoint, Outcome.REQUIRE_APPROVAL, approval.reason(), null, decisions, obligations,
                    effective, approval, declassifying, latencyNanos);
        }
        if (confirmation != null) {
            return new Verdict(checkpoint, Outcome.REQUIRE_CONFIRMATION, confirmation.reason(), null, decisions,
                    obligations, effective, null, confirmation, latencyNanos);
        }
        Outcome outcome = transformed ? Outcome.TRANSFORM : Outcome.ALLOW;
        String reason = transformed ? firstTransformReason(decisions) : null;
        return new Verdict(checkpoint, outcome, reason, null, decisions, obligations, effective, null, latencyNanos);
    }

    private static Decision.RequireApproval merge(Decision.RequireApproval first, Decision.RequireApproval next) {
        if (next.ttl().compareTo(first.ttl()) >= 0) {
            return first;
        }
        return new Decision.RequireApproval(first.reason(), first.approverRoles(), next.ttl(), first.origins(),
                first.basis());
    }

    private static Decision.RequireConfirmation merge(Decision.RequireConfirmation first,
            Decision.RequireConfirmation next) {
        // one question answers both: a declassification either of them asks for is kept, so it is shown and audited
        Declassification d = first.declassification() != null ? first.declassification() : next.declassification();
        if (next.ttl().compareTo(first.ttl()) >= 0 && d == first.declassification()) {
            return first;
        }
        java.time.Duration ttl = next.ttl().compareTo(first.ttl()) < 0 ? next.ttl() : first.ttl();
        return new Decision.RequireConfirmation(d != first.declassification() ? next.reason() : first.reason(), ttl,
                first.origins(), first.basis(), d);
    }

    private static String firstTransformReason(List<PlaneDecision> decisions) {
        for (PlaneDecision pd : decisions) {
            if (pd.decision() instanceof Decision.Transform t && t.basis().enforced()) {
                return t.reason();
            }
        }
        return null;
    }
}
