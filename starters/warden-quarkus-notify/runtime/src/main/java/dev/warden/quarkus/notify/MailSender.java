package dev.warden.quarkus.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * E-mails a notice through Quarkus Mailer, as plain text: what waits (tool, risk, agent, rules, expiry), the link to
 * decide it, and argument values only where the notice carries them. One attempt per subscription; the idempotency key
 * goes out as the {@code Warden-Delivery-Id} header.
 */
final class MailSender {
    private final ReactiveMailer mailer;
    private final String subjectPrefix;

    MailSender(ReactiveMailer mailer, String subjectPrefix) {
        this.mailer = mailer;
        this.subjectPrefix = subjectPrefix;
    }

    Uni<Void> send(Delivery d) {
        return Uni.createFrom().deferred(() -> {
            Mail mail = Mail.withText(d.recipients().get(0), subject(d.notice()), body(d.notice()));
            mail.setTo(d.recipients());
            mail.addHeader("Warden-Delivery-Id", d.id());
            return mailer.send(mail);
        }).onFailure().transform(e -> new DeliveryException("mail: " + e, true, e));
    }

    String subject(ApprovalNotice n) {
        String what = "CONFIRMATION".equals(n.kind()) ? "Confirmation" : "Approval";
        String head = switch (n.event()) {
            case REQUESTED -> what + " needed";
            case EXPIRING -> what + " about to expire";
            case ESCALATED -> what + " escalated (level " + n.level() + ")";
            case DECIDED -> what + " " + String.valueOf(n.outcome()).toLowerCase(java.util.Locale.ROOT);
            case EXPIRED -> what + " expired";
        };
        return subjectPrefix + " " + head + ": " + n.tool() + (n.risk() == null ? "" : " (" + n.risk() + " risk)")
                + " by " + n.agentId();
    }

    static String body(ApprovalNotice n) {
        StringBuilder b = new StringBuilder();
        b.append(n.event() == ApprovalNotice.Event.ESCALATED
                ? "This request is still undecided and is escalated to you.\n\n" : "");
        b.append("Tool: ").append(n.tool()).append('\n');
        if (n.risk() != null) {
            b.append("Risk: ").append(n.risk()).append('\n');
        }
        b.append("Agent: ").append(n.agentId()).append('\n');
        b.append("Tenant: ").append(n.tenant()).append('\n');
        b.append("Why: ").append(n.reason()).append('\n');
        b.append("Rules: ").append(String.join(", ", n.ruleIds())).append('\n');
        if (!n.approverRoles().isEmpty()) {
            b.append("Approver roles: ").append(String.join(", ", n.approverRoles())).append('\n');
        }
        b.append("Requested: ").append(n.requestedAt()).append('\n');
        b.append("Expires: ").append(n.expiresAt()).append('\n');
        if (n.outcome() != null) {
            b.append("Outcome: ").append(n.outcome()).append(n.code() == null ? "" : " (" + n.code() + ")")
                    .append('\n');
        }
        if (!n.arguments().isEmpty()) {
            b.append("Arguments:\n");
            for (Map.Entry<String, Object> e : n.arguments().entrySet()) {
                b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        b.append('\n').append(n.event() == ApprovalNotice.Event.REQUESTED || n.event() == ApprovalNotice.Event.EXPIRING
                || n.event() == ApprovalNotice.Event.ESCALATED ? "Decide: " : "Details: ").append(n.link()).append('\n');
        b.append("Reference: ").append(n.approvalId()).append('\n');
        return b.toString();
    }
}
