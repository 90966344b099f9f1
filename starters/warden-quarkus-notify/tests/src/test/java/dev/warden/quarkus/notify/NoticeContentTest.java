package dev.warden.quarkus.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.agent.PendingApproval;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a notice may carry: a link, tool, risk and expiry; argument values only where the labels allow. */
class NoticeContentTest {

    static ApprovalNotice notice(boolean include, List<String> redact, String labels) {
        return Notices.factory(include, redact).notice(Notices.approval("ap-1", labels),
                ApprovalNotice.Event.REQUESTED, 0, List.of("manager"), Notices.T0, null);
    }

    @Test
    void a_notice_links_to_the_console_and_names_tool_risk_rules_and_expiry_but_no_person() {
        ApprovalNotice n = notice(false, List.of(), "PUBLIC/TRUSTED");
        assertThat(n.link()).isEqualTo("https://console.bank.example/warden/approvals/ap-1");
        assertThat(n.tool()).isEqualTo("send_money");
        assertThat(n.risk()).isEqualTo("HIGH");
        assertThat(n.ruleIds()).containsExactly("transfer-approval");
        assertThat(n.expiresAt()).isEqualTo("2026-12-05T11:00:00Z");
        assertThat(n.id()).isEqualTo("ap-1:requested");
        assertThat(n.toJson()).doesNotContain("alice").doesNotContain("run-ap-1");
        assertThat(MailSender.body(n)).doesNotContain("alice").contains(n.link());
    }

    @Test
    void argument_values_are_withheld_unless_asked_for() {
        ApprovalNotice n = notice(false, List.of(), "PUBLIC/TRUSTED");
        assertThat(n.arguments()).containsOnlyKeys("recipient", "amount")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
        assertThat(n.toJson()).doesNotContain("DE89370400440532013000");
        assertThat(MailSender.body(n)).doesNotContain("DE89370400440532013000");
    }

    @Test
    void values_are_shown_when_asked_for_and_the_run_saw_nothing_the_audit_redacts() {
        ApprovalNotice n = notice(true, List.of("RESTRICTED", "PII"), "CONFIDENTIAL[FINANCIAL]/TRUSTED");
        assertThat(n.arguments()).containsEntry("recipient", "DE89370400440532013000").containsEntry("amount", 900);
    }

    @Test
    void values_of_a_run_that_saw_restricted_data_are_withheld_as_the_audit_redacts_them() {
        assertThat(notice(true, List.of("RESTRICTED"), "RESTRICTED/TRUSTED").arguments())
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
        assertThat(notice(true, List.of("CONFIDENTIAL"), "RESTRICTED[PII]/UNTRUSTED").arguments())
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
        assertThat(notice(true, List.of("PII"), "INTERNAL[PII]/TRUSTED").arguments())
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
    }

    @Test
    void unreadable_labels_withhold_every_value() {
        assertThat(notice(true, List.of(), "SOMETHING ODD").arguments())
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
        assertThat(notice(true, List.of(), null).arguments())
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(ApprovalNotice.WITHHELD));
    }

    @Test
    void secret_arguments_are_never_shown() {
        PendingApproval p = Notices.approval("ap-2", "PUBLIC/TRUSTED");
        PendingApproval secret = new PendingApproval(p.approvalId(), p.runId(), p.agentId(), p.tenant(),
                p.requesterId(), "update_password", p.toolCallId(), Map.of("password", "hunter2", "user", "x"),
                p.reason(), p.approverRoles(), p.ruleIds(), p.contextLabels(), p.requestedAt(), p.expiresAt(),
                PendingApproval.Kind.APPROVAL, null, null, Set.of("password"));
        ApprovalNotice n = Notices.factory(true, List.of()).notice(secret, ApprovalNotice.Event.REQUESTED, 0,
                List.of("manager"), Notices.T0, null);
        assertThat(n.arguments()).containsEntry("password", ApprovalNotice.WITHHELD).containsEntry("user", "x");
        assertThat(n.toJson()).doesNotContain("hunter2");
    }
}
