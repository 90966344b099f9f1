package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.spi.AuditSink;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The whole path in a Quarkus service: a governed run parks a transfer; the managers get an e-mail over real SMTP
 * and the webhook a signed POST over real HTTP; an undecided approval is escalated after its delay; the decision and
 * an expiry are notified too, and the trail records what was sent.
 */
@QuarkusTest
@QuarkusTestResource(NotifyReceivers.class)
class NotificationsEndToEndTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB = Principal.of("bob", "manager");
    static final String IBAN = "DE89370400440532013000";

    GreenMail mail;
    LinkedBlockingQueue<Map<String, String>> hooks;

    @Inject
    AgentRegistry agents;
    @Inject
    AuditSink audit;

    RunResult run(String input) {
        return agents.find("payments").orElseThrow().agent().runBlocking(input, ALICE);
    }

    @Test
    void a_parked_transfer_is_mailed_and_posted_then_escalated_and_its_approval_notified() throws Exception {
        RunResult parked = run("send 900 to " + IBAN);
        assertThat(parked.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        String id = parked.approval().approvalId();

        MimeMessage toManagers = awaitMail(m -> recipients(m).contains("payments-managers@bank.example")
                && subject(m).contains("Approval needed") && GreenMailUtil.getBody(m).contains(id));
        assertThat(subject(toManagers)).contains("send_money (HIGH risk) by payments");
        String body = GreenMailUtil.getBody(toManagers);
        assertThat(body).contains("https://console.bank.example/warden/approvals/" + id)
                .contains("Expires: " + parked.approval().expiresAt()).contains("large-transfers-need-approval")
                .doesNotContain(IBAN).doesNotContain("alice");

        Map<String, String> requested = awaitHook(id + ":requested/webhook:ops");
        assertThat(requested.get("warden-key-id")).isEqualTo("ops-2026");
        assertThat(WebhookSignature.ofBase64(NotifyReceivers.KEY).verify(requested.get("webhook-id"),
                Long.parseLong(requested.get("webhook-timestamp")), requested.get("body"),
                requested.get("webhook-signature"))).isTrue();
        ApprovalNotice notice = ApprovalNotice.fromJson(requested.get("body"));
        assertThat(notice.approvalId()).isEqualTo(id);
        assertThat(notice.arguments()).containsEntry("recipient", ApprovalNotice.WITHHELD);

        MimeMessage escalated = awaitMail(m -> recipients(m).contains("head-of-payments@bank.example")
                && GreenMailUtil.getBody(m).contains(id));
        assertThat(subject(escalated)).contains("escalated (level 1)");
        awaitHook(id + ":escalated:1/webhook:ops");

        RunResult done = agents.find("payments").orElseThrow().agent().resumeBlocking(id,
                ApprovalResolution.approve(BOB, "known landlord"));
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        ApprovalNotice decided = ApprovalNotice.fromJson(awaitHook(id + ":decided/webhook:ops").get("body"));
        assertThat(decided.outcome()).isEqualTo("APPROVED");
        assertThat(decided.toJson()).doesNotContain("bob");

        List<DecisionRecord> trail = awaitAudit(r -> NotifyCodes.DELIVERED.equals(r.code())
                && r.args().get("deliveryId").equals(id + ":decided/webhook:ops"));
        assertThat(outboxRows(id)).containsExactlyInAnyOrder("requested/mail SENT", "requested/webhook:ops SENT",
                "escalated:1/mail SENT", "escalated:1/webhook:ops SENT", "decided/mail SENT",
                "decided/webhook:ops SENT");
        List<DecisionRecord> mine = trail.stream().filter(r -> id.equals(r.args().get("approvalId"))).toList();
        assertThat(mine).filteredOn(r -> NotifyCodes.ESCALATED.equals(r.code())).hasSize(1);
        assertThat(mine).filteredOn(r -> NotifyCodes.DELIVERED.equals(r.code())).extracting(r -> r.args()
                .get("deliveryId")).contains(id + ":requested/webhook:ops", id + ":requested/mail",
                        id + ":escalated:1/mail");
    }

    @Test
    void an_approval_nobody_decides_expires_and_the_expiry_is_notified_and_audited() throws Exception {
        RunResult parked = run("send 9000 to " + IBAN);
        assertThat(parked.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        String id = parked.approval().approvalId();
        ApprovalNotice expired = ApprovalNotice.fromJson(awaitHook(id + ":expired/webhook:ops").get("body"));
        assertThat(expired.outcome()).isEqualTo("EXPIRED");
        assertThat(expired.code()).isEqualTo(WardenCodes.APPROVAL_EXPIRED);
        assertThat(audit.query(AuditFilter.all().run(parked.runId()))).anySatisfy(r -> assertThat(r.code())
                .isEqualTo(WardenCodes.APPROVAL_EXPIRED));
        MimeMessage expiredMail = awaitMail(m -> subject(m).contains("Approval expired")
                && GreenMailUtil.getBody(m).contains(id));
        assertThat(recipients(expiredMail)).containsExactly("payments-managers@bank.example");
    }

    private Map<String, String> awaitHook(String deliveryId) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (Map<String, String> h : hooks) {
                if (deliveryId.equals(h.get("webhook-id"))) {
                    return h;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no webhook " + deliveryId + " in " + hooks.stream().map(h -> h.get("webhook-id"))
                .toList());
    }

    private MimeMessage awaitMail(Predicate<MimeMessage> wanted) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such mail among " + Arrays.stream(mail.getReceivedMessages())
                .map(NotificationsEndToEndTest::subject).toList());
    }

    private List<DecisionRecord> awaitAudit(Predicate<DecisionRecord> wanted) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            List<DecisionRecord> all = audit.query(AuditFilter.all());
            if (all.stream().anyMatch(wanted)) {
                return new ArrayList<>(all.stream().filter(r -> NotificationAudit.CHECKPOINT.equals(r.checkpoint()))
                        .toList());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such audit record");
    }

    /** The approval's rows in the shared outbox, as {@code <event>/<channel> <status>}, once all are settled. */
    private static List<String> outboxRows(String id) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> rows = new ArrayList<>();
        while (System.nanoTime() < end) {
            rows.clear();
            try (var c = dev.warden.testing.postgres.LocalPostgres.shared().superuserConnection();
                    var ps = c.prepareStatement("SELECT delivery_id, status FROM notify_e2e.warden_notification_outbox"
                            + " WHERE approval_id = ?")) {
                ps.setString(1, id);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1).substring(id.length() + 1) + " " + rs.getString(2));
                    }
                }
            }
            if (rows.size() >= 6 && rows.stream().allMatch(r -> r.endsWith(" SENT"))) {
                return rows;
            }
            Thread.sleep(50);
        }
        return rows;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
