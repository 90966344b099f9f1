package dev.warden.quarkus.notify;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Notification facts in the audit trail (checkpoint {@value #CHECKPOINT}, user {@value #ACTOR}): each escalation,
 * each delivery sent, each delivery given up. Observes only: a record it cannot write is logged; it never stops a
 * notification, and notifications never stop a run.
 */
final class NotificationAudit {
    static final String CHECKPOINT = "APPROVAL_NOTIFICATION";
    static final String ACTOR = "warden:notify";
    private static final Logger LOG = Logger.getLogger(NotificationAudit.class);

    private final AuditSink sink;
    private final Clock clock;

    NotificationAudit(AuditSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    void escalated(ApprovalNotice n) {
        append(n, null, "ALLOW", NotifyCodes.ESCALATED, "approval " + n.approvalId() + " undecided; escalated to "
                + n.notifiedRoles() + " (level " + n.level() + ")");
    }

    void delivered(Delivery d) {
        append(d.notice(), d, "ALLOW", NotifyCodes.DELIVERED, d.notice().event().key() + " notice sent to "
                + d.channel());
    }

    void failed(Delivery d, String code, String error) {
        append(d.notice(), d, "ERROR", code, d.notice().event().key() + " notice to " + d.channel()
                + " not delivered: " + error);
    }

    private void append(ApprovalNotice n, Delivery d, String outcome, String code, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approvalId", n.approvalId());
        details.put("event", n.event().key());
        if (d != null) {
            details.put("deliveryId", d.id());
            details.put("channel", d.channel());
        }
        try {
            sink.append(new DecisionRecord(null, n.tenant(), null, null, clock.instant().toString(), null, null, null,
                    0, CHECKPOINT, ACTOR, n.agentId(), List.of(), n.tool(), null, null, details, null, outcome, code,
                    reason, List.of(), List.of(), List.of(), null, null, 0));
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s could not be written to the audit trail", reason);
        }
    }
}
