package dev.warden.quarkus.notify;

import dev.warden.core.agent.PendingApproval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time-driven events due for a pending approval at {@code now}: the expiry warning and the escalations. Pure:
 * every replica computes the same answer from the shared store, and the outbox keeps one of each.
 *
 * <p>The n-th escalation is due {@code n × after} after the request and goes to the n-th role of the chain; none is due
 * once the approval has expired (the expiry itself is the sweeper's, and is notified as {@code expired}). Confirmations
 * are the requester's own: they are never escalated to other people.
 */
record DueEvents(Duration expiringWarning, Duration escalationAfter, List<String> chain) {

    /** One due event. */
    record Due(ApprovalNotice.Event event, int level, List<String> roles) {}

    DueEvents {
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    List<Due> at(PendingApproval p, Instant now) {
        List<Due> out = new ArrayList<>();
        if (!now.isBefore(p.expiresAt())) {
            return out;
        }
        if (expiringWarning != null && !expiringWarning.isZero()) {
            Instant warnAt = p.expiresAt().minus(expiringWarning);
            if (p.requestedAt().isBefore(warnAt) && !now.isBefore(warnAt)) {
                out.add(new Due(ApprovalNotice.Event.EXPIRING, 0, List.copyOf(p.approverRoles())));
            }
        }
        if (escalationAfter != null && !escalationAfter.isZero() && !p.isConfirmation()) {
            for (int level = 1; level <= chain.size(); level++) {
                if (now.isBefore(p.requestedAt().plus(escalationAfter.multipliedBy(level)))) {
                    break;
                }
                out.add(new Due(ApprovalNotice.Event.ESCALATED, level, List.of(chain.get(level - 1))));
            }
        }
        return out;
    }
}
