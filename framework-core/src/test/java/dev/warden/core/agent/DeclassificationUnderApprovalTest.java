package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Declassification;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.model.scripted.ScriptedChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that one plane holds for a second person's approval while another offers the requester a declassification
 * of what it sends (decision 0040): the approval never stands in for the declassification. The requester is asked
 * first; only after their confirmation is the approver asked; only the approver's yes runs the call — once — and each
 * of the two answers is in the audit trail.
 */
class DeclassificationUnderApprovalTest {
    static final Principal ALICE = Declassification.attend(Principal.of("alice", "analyst"));
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    static final String IBAN = "DE89370400440532013000";
    static final Declassification LOWERED = new Declassification(Labels.of(Confidentiality.RESTRICTED, "PII"),
            Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL"), "send_money", List.of("requester-may-declassify"));
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-12-05T04:00:00Z");
    final InMemoryAuditSink audit = new InMemoryAuditSink();

    GovernedAgent agent(dev.warden.spi.SuspendedRunStore store) {
        // what a data-flow plane with a declassify grant answers for an egress above clearance
        var dataFlow = TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? new Decision.RequireConfirmation("declassification: confirm these exact arguments",
                                Duration.ofMinutes(30), List.of(), new Basis("data-flow", null, null,
                                        List.of("requester-may-declassify", "df-egress-clearance"),
                                        Basis.Mode.ENFORCE), LOWERED)
                        : Decision.allow("data-flow"));
        // a policy rule: every transfer needs a manager's approval
        var approvals = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(4),
                                Basis.rule("action-boundary", "bank", "2", "transfers-need-approval"))
                        : Decision.allow("action-boundary"));
        GovernedAgent.Builder b = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", IBAN, "amount", 98.7)))
                        .reply("Paid").build())
                .tools(bank).governor(Governor.builder().plane(approvals).plane(dataFlow).auditSink(audit)
                        .clock(clock).build());
        return (store == null ? b : b.store(store)).build();
    }

    @Test
    void approval_never_releases_a_declassification() {
        GovernedAgent agent = agent(null);
        RunResult r = agent.runBlocking("pay the bill", ALICE);

        // the requester is asked first: nothing waits for an approver yet, and an approver cannot answer it
        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(agent.store().pending(null)).noneMatch(p -> !p.isConfirmation());
        assertThatThrownBy(() -> agent.resumeBlocking(r.approval().approvalId(),
                ApprovalResolution.approve(BOB_MANAGER, "looks fine")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.WRONG_KIND));
        assertThat(bank.calls).isEmpty();
        assertThat(r.approval().declassification()).isEqualTo(LOWERED);
        assertThat(r.approval().reason()).contains("an approver [manager] must still approve it");
        // the planes' verdict names both: the approval's rule and the declassification's grant
        assertThat(audit.records()).filteredOn(d -> "TOOL_CALL".equals(d.checkpoint())).singleElement()
                .satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo("REQUIRE_APPROVAL");
                    assertThat(d.ruleIds()).contains("transfers-need-approval", "requester-may-declassify");
                });
    }

    @Test
    void the_requester_declassifies_then_the_approver_approves_and_the_call_runs_once_with_both_audited() {
        GovernedAgent agent = agent(null);
        PendingApproval asked = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult confirmed = agent.confirmBlocking(asked.approvalId(),
                ConfirmationResolution.confirm(ALICE, asked.argumentsDigest()));

        assertThat(bank.calls).as("confirmed, but not yet approved").isEmpty();
        assertThat(confirmed.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        PendingApproval approval = confirmed.approval();
        assertThat(approval.kind()).isEqualTo(PendingApproval.Kind.APPROVAL);
        assertThat(approval.approverRoles()).containsExactly("manager");
        assertThat(approval.argumentsDigest()).isEqualTo(asked.argumentsDigest());
        assertThat(approval.declassification()).isEqualTo(LOWERED);
        assertThat(approval.reason()).contains("the requester alice confirmed the declassification");
        assertThat(approval.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(4)));
        DecisionRecord declassified = toolCalls().get(1);
        assertThat(declassified.outcome()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(declassified.code()).isEqualTo(Declassification.DECLASSIFIED);
        assertThat(declassified.reason()).contains("declassified by alice").contains("RESTRICTED[PII]")
                .contains(asked.argumentsDigest()).contains("waits for an approver");
        assertThat(declassified.planes()).extracting(p -> p.plane()).containsExactly(Verdict.CONFIRMATION_PLANE);
        // separation of duties still holds at the second step
        assertThatThrownBy(() -> agent.resumeBlocking(approval.approvalId(), ApprovalResolution.approve(
                Principal.of("alice", "manager"), "mine"))).isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.SELF_APPROVAL));

        RunResult done = agent.resumeBlocking(approval.approvalId(), ApprovalResolution.approve(BOB_MANAGER, "ok"));

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).containsExactly(IBAN + ":98.7");
        DecisionRecord ran = toolCalls().get(2);
        assertThat(ran.outcome()).isEqualTo("ALLOW");
        assertThat(ran.code()).isEqualTo(Declassification.DECLASSIFIED);
        assertThat(ran.reason()).contains("approved by bob").contains("after the requester alice declassified it");
        assertThat(ran.ruleIds()).contains("transfers-need-approval", "requester-may-declassify");
        assertThat(ran.planes()).extracting(p -> p.plane()).containsExactly(Verdict.APPROVAL_PLANE);
        assertThatThrownBy(() -> agent.resumeBlocking(approval.approvalId(), ApprovalResolution.approve(BOB_MANAGER,
                "again"))).isInstanceOf(ApprovalException.class);
        assertThat(bank.transfers).as("exactly once").hasSize(1);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_requester_who_declines_the_declassification_never_reaches_an_approver() {
        GovernedAgent agent = agent(null);
        PendingApproval asked = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult r = agent.confirmBlocking(asked.approvalId(), ConfirmationResolution.decline(ALICE));

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.CONFIRMATION_DECLINED);
        assertThat(agent.store().pending(null)).isEmpty();
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void an_approver_who_denies_after_the_declassification_runs_nothing() {
        GovernedAgent agent = agent(null);
        PendingApproval asked = agent.runBlocking("pay the bill", ALICE).approval();
        PendingApproval approval = agent.confirmBlocking(asked.approvalId(),
                ConfirmationResolution.confirm(ALICE, asked.argumentsDigest())).approval();

        RunResult r = agent.resumeBlocking(approval.approvalId(), ApprovalResolution.deny(BOB_MANAGER, "no"));

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.APPROVAL_DENIED);
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void the_approval_still_due_survives_the_durable_store(@TempDir Path dir) {
        PendingApproval asked = agent(new FileSuspendedRunStore(dir)).runBlocking("pay the bill", ALICE).approval();
        GovernedAgent restarted = agent(new FileSuspendedRunStore(dir));

        PendingApproval stored = restarted.store().find(asked.approvalId()).orElseThrow().approval();
        assertThat(stored).isEqualTo(asked);
        assertThat(stored.approvalDue().approverRoles()).containsExactly("manager");
        assertThat(stored.approvalDue().ttl()).isEqualTo(Duration.ofHours(4));
        assertThat(stored.approvalDue().ruleIds()).containsExactly("transfers-need-approval");

        RunResult confirmed = restarted.confirmBlocking(asked.approvalId(),
                ConfirmationResolution.confirm(ALICE, asked.argumentsDigest()));

        assertThat(confirmed.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(bank.calls).isEmpty();
    }

    private List<DecisionRecord> toolCalls() {
        return audit.records().stream().filter(d -> "TOOL_CALL".equals(d.checkpoint())).toList();
    }
}
