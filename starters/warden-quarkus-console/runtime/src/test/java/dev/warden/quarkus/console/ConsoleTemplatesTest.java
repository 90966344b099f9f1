package dev.warden.quarkus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Principal;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.api.Dtos.ApprovalView;
import dev.warden.quarkus.api.Dtos.ArgumentView;
import dev.warden.quarkus.api.Dtos.ConfirmationView;
import dev.warden.quarkus.api.Dtos.DecisionView;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.api.Dtos.VerifyView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's templates render with real API shapes, and whatever content says is shown as text. */
class ConsoleTemplatesTest {
    static final String ATTACK = "<img src=x onerror=alert(1)>";
    final ConsoleTemplates templates = new ConsoleTemplates();

    static Map<String, Object> layout(String title) {
        Map<String, Object> data = new HashMap<>();
        data.put("title", title);
        data.put("csrf", "t".repeat(43));
        data.put("me", new Principal("bob", "default", Set.of("manager"), Map.of()));
        data.put("roles", "manager");
        return data;
    }

    static ApprovalView approval(String iban) {
        return new ApprovalView("ap-1", "run-1", "banking-assistant", "alice", "send_money",
                Map.of("recipient", iban, "amount", 900.0), "transfers above 500 EUR need a manager's approval",
                Set.of("manager"), List.of("large-transfers-need-approval"), Instant.parse("2026-12-05T00:00:00Z"),
                Instant.parse("2026-12-06T00:00:00Z"), "Please send 900 EUR to " + iban,
                List.of(new DecisionView(1, "TOOL_CALL", "REQUIRE_APPROVAL", "send_money",
                        List.of("large-transfers-need-approval"), null, "needs a manager", List.of())),
                List.of(new ArgumentView("recipient", iban, List.of(), "USER", "the user's request", null),
                        new ArgumentView("amount", 900.0, List.of(), "USER", null, null)));
    }

    @Test
    void an_approval_shows_the_request_each_argument_with_its_provenance_and_the_rules() {
        Map<String, Object> data = layout("Approval send_money");
        data.put("a", approval("FR1420041010050500013M02606"));
        String html = templates.render("approval", data);
        assertThat(html).contains("Please send 900 EUR to FR1420041010050500013M02606")
                .contains("prov-USER").contains("the user&#39;s request")
                .contains("large-transfers-need-approval").contains("2026-12-06T00:00:00Z")
                .contains("name=\"_csrf\" value=\"" + "t".repeat(43) + "\"")
                .contains("<label for=\"comment\">");
    }

    @Test
    void an_argument_an_attacker_wrote_is_shown_as_text_not_markup() {
        Map<String, Object> data = layout("Approval send_money");
        data.put("a", approval(ATTACK));
        String html = templates.render("approval", data);
        assertThat(html).doesNotContain(ATTACK).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void the_inbox_list_links_each_approval_and_says_when_nothing_waits() {
        Map<String, Object> data = layout("Approvals inbox");
        data.put("approvals", List.of(approval("FR14")));
        data.put("confirmations", List.of());
        assertThat(templates.render("inbox", data)).contains("href=\"/warden/approvals/ap-1\"")
                .contains("sse-connect=\"/warden/approvals/events\"").contains("No call of yours waits");
        data.put("approvals", List.of());
        assertThat(templates.render("inbox-list", data)).contains("Nothing waits for your approval.");
    }

    @Test
    void a_confirmation_carries_the_digest_to_quote() {
        Map<String, Object> data = layout("Confirm send_money");
        data.put("c", new ConfirmationView("cf-1", "run-2", "banking-assistant", "send_money",
                List.of(new ArgumentView("recipient", "DE02", List.of(), "ENDORSED", "bills/december.txt", null)),
                "sha256:abc", "the payee comes from a document", List.of("recipient-from-named-document-confirmed"),
                "Please pay the bill", List.of(), Instant.EPOCH, null, null, null));
        assertThat(templates.render("confirmation", data)).contains("name=\"argumentsDigest\" value=\"sha256:abc\"")
                .contains("prov-ENDORSED").contains("bills/december.txt");
    }

    @Test
    void the_run_timeline_marks_refusals_human_decisions_and_rising_labels() {
        DecisionRecord refused = record(1, "DENY", "send_money", List.of(new DecisionRecord.PlaneEntry(
                "action-boundary", "DENY", "ENFORCE", "banking", List.of("recipient-from-user-or-records"), null,
                "money may only go...")), "PUBLIC", "CONFIDENTIAL");
        DecisionRecord approved = record(2, "ALLOW", "send_money", List.of(new DecisionRecord.PlaneEntry(
                dev.warden.core.Verdict.APPROVAL_PLANE, "ALLOW", "ENFORCE", null, List.of(), null, "approved by bob")),
                "CONFIDENTIAL", "CONFIDENTIAL");
        List<RunTimeline.Row> rows = RunTimeline.rows(List.of(refused, approved));
        assertThat(rows).extracting(RunTimeline.Row::kind).containsExactly("refused", "human");
        assertThat(rows.get(0).labelsRose()).isTrue();
        assertThat(rows.get(1).labelsRose()).isFalse();
        Map<String, Object> data = layout("Run run-1");
        data.put("runId", "run-1");
        data.put("run", new RunView("run-1", "banking-assistant", "alice", "COMPLETED", "done", null, null,
                List.of(), Instant.EPOCH, null, null));
        data.put("rows", rows);
        data.put("related", List.of(new RunTimeline.Related("run-9", "helper", "alice", "2026-12-05T00:00:01Z")));
        data.put("unavailable", null);
        data.put("first", refused);
        String html = templates.render("run", data);
        assertThat(html).contains("kind-refused").contains("recipient-from-user-or-records").contains("kind-human")
                .contains("href=\"/warden/runs/run-9\"").contains("sha256:args1");
    }

    @Test
    void the_audit_page_shows_the_verification_and_the_inventory_the_not_installed_state() {
        Map<String, Object> data = layout("Audit trail");
        data.put("decisions", AuditPage.DECISIONS);
        data.put("records", RunTimeline.rows(List.of(record(1, "DENY", "send_money", List.of(), "PUBLIC",
                "PUBLIC"))));
        data.put("count", 1);
        data.put("verified", new VerifyView(true, 1, null, null, null));
        data.put("decision", "DENY");
        assertThat(templates.render("audit", data)).contains("Chain verified: 1 records")
                .contains("<option value=\"DENY\" selected>").contains("href=\"/warden/runs/run-1\"");
        Map<String, Object> inv = layout("Inventory");
        inv.put("source", "this service");
        inv.put("agents", List.of(new ConsoleInventory.Agent("banking-assistant", "d", "o", "1", List.of("banking"),
                List.of(new ConsoleInventory.Tool("send_money", "Sends", List.of("FINANCIAL"), "HIGH", null, null,
                        "ACTIVE")), "ACTIVE")));
        inv.put("policies", List.of());
        inv.put("policiesHidden", true);
        inv.put("mayKill", true);
        inv.put("installed", false);
        inv.put("killSwitchRole", "security-officer");
        inv.put("accessMaps", List.of());
        inv.put("result", ConsoleInventory.Result.refused(ConsoleCodes.INVENTORY_NOT_INSTALLED, "not installed"));
        assertThat(templates.render("inventory", inv)).contains("id=\"not-installed\"")
                .contains(ConsoleCodes.INVENTORY_NOT_INSTALLED).contains("FINANCIAL").doesNotContain("access-h");
        // with the inventory: what each agent did, folded from the audit trail; attacker-chosen names stay text
        inv.put("accessMaps", List.of(new dev.warden.quarkus.inventory.runtime.AccessMap.View("banking-assistant",
                "acme", java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(60), 3, false,
                List.of(new dev.warden.quarkus.inventory.runtime.AccessMap.ToolUse("send_money", 2,
                        Map.of("ALLOW", 1L, "DENY", 1L))),
                List.of("CONFIDENTIAL"), List.of(), List.of(), List.of(),
                List.of(new dev.warden.quarkus.inventory.runtime.AccessMap.RuleOutcome("<b>rule</b>", "DENY", 1)))));
        assertThat(templates.render("inventory", inv)).contains("id=\"access-banking-assistant\"")
                .contains("3 audit records").contains("send_money").contains("&lt;b&gt;rule&lt;/b&gt;")
                .doesNotContain("<b>rule</b>");
    }

    @Test
    void login_and_error_pages_render_without_a_signed_in_user() {
        Map<String, Object> data = layout("Sign in");
        data.put("me", null);
        data.put("demoUsers", List.of(new LoginPage.DemoUser("bob", "manager", "default")));
        assertThat(templates.render("login", data)).contains("id=\"login-bob\"").contains("<label for=\"token\">")
                .doesNotContain("Sign out");
        data.put("status", 403);
        data.put("code", ConsoleCodes.CSRF_MISMATCH);
        data.put("message", ATTACK);
        assertThat(templates.render("error", data)).contains(ConsoleCodes.CSRF_MISMATCH).doesNotContain(ATTACK);
    }

    static DecisionRecord record(long seq, String outcome, String tool, List<DecisionRecord.PlaneEntry> planes,
            String before, String after) {
        return new DecisionRecord(seq, "default", "p", "h" + seq, "2026-12-05T00:00:0" + seq + "Z", "trace-1",
                "span", "run-1", (int) seq, "TOOL_CALL", "alice", "banking-assistant", List.of(), tool, "c" + seq,
                "sha256:args" + seq, null, null, outcome, null, "reason", List.of(), List.of("banking@5"), planes,
                new DecisionRecord.LabelsEntry(before, List.of(), "TRUSTED"),
                new DecisionRecord.LabelsEntry(after, List.of(), "TRUSTED"), 12);
    }
}
