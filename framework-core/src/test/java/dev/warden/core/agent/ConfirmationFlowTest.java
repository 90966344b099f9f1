package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.ArgumentOrigin;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfirmationFlowTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal ALICE_OTHER_TENANT = new Principal("alice", "other-bank", java.util.Set.of("customer"),
            Map.of());
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    static final String IBAN = "DE89370400440532013000";
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    final InMemoryAuditSink audit = new InMemoryAuditSink();

    /** Every transfer needs the requester's confirmation; the plane knows the recipient came from a file. */
    GovernedAgent agent(ScriptedChatModel model, dev.warden.spi.SuspendedRunStore store) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireConfirmation("is this the transfer you asked for?", Duration.ofMinutes(30),
                                List.of(new ArgumentOrigin("recipient", ArgumentOrigin.UNTRUSTED,
                                        "bill-december-2023.txt", Labels.untrusted())),
                                Basis.rule("action-boundary", "banking", "3", "transfers-confirmed"))
                        : Decision.allow("action-boundary"));
        GovernedAgent.Builder b = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model)
                .tools(bank).governor(Governor.builder().plane(gate).auditSink(audit).clock(clock).build());
        return (store == null ? b : b.store(store)).build();
    }

    static ScriptedChatModel oneTransfer() {
        return ScriptedChatModel.script()
                .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", IBAN, "amount", 98.7)))
                .reply("Paid").build();
    }

    @Test
    void a_call_needing_confirmation_suspends_for_the_requester_without_running() {
        GovernedAgent agent = agent(oneTransfer(), null);
        RunResult r = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(bank.calls).isEmpty();
        PendingApproval pc = r.approval();
        assertThat(pc.kind()).isEqualTo(PendingApproval.Kind.CONFIRMATION);
        assertThat(pc.requesterId()).isEqualTo("alice");
        assertThat(pc.approverRoles()).isEmpty();
        assertThat(pc.argumentsDigest()).isEqualTo(PendingApproval.digestOf(Map.of("recipient", IBAN, "amount", 98.7)));
        assertThat(pc.origins()).extracting(ArgumentOrigin::argument, ArgumentOrigin::provenance, ArgumentOrigin::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recipient", "UNTRUSTED", "bill-december-2023.txt"));
        assertThat(pc.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(audit.records()).anySatisfy(rec -> assertThat(rec.outcome()).isEqualTo("REQUIRE_CONFIRMATION"));
    }

    @Test
    void the_requester_confirming_the_digest_they_saw_runs_exactly_that_call_once() {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();

        RunResult r = agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE,
                pc.argumentsDigest()));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).containsExactly(IBAN + ":98.7");
        assertThat(audit.records()).anySatisfy(rec -> {
            assertThat(rec.reason()).isEqualTo("confirmed by alice");
            assertThat(rec.planes()).extracting(p -> p.plane()).containsExactly(Verdict.CONFIRMATION_PLANE);
        });
        assertThatThrownBy(() -> agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE,
                pc.argumentsDigest()))).isInstanceOf(ApprovalException.class)
                .extracting(e -> ((ApprovalException) e).code()).isEqualTo(ApprovalException.ALREADY_RESOLVED);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_confirmation_quoting_other_arguments_is_refused_and_the_call_stays_pending() {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();
        String otherDigest = PendingApproval.digestOf(Map.of("recipient", IBAN, "amount", 987.0));

        assertThatThrownBy(() -> agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE,
                otherDigest))).isInstanceOf(ApprovalException.class)
                .extracting(e -> ((ApprovalException) e).code()).isEqualTo(ApprovalException.ARGUMENTS_CHANGED);
        assertThatThrownBy(() -> agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE, null)))
                .extracting(e -> ((ApprovalException) e).code()).isEqualTo(ApprovalException.DIGEST_REQUIRED);
        assertThat(bank.calls).isEmpty();
        assertThat(agent.store().find(pc.approvalId())).isPresent();
    }

    @Test
    void nobody_but_the_requester_can_confirm_and_approvers_cannot_approve_it_instead() {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();

        assertThatThrownBy(() -> agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(BOB_MANAGER,
                pc.argumentsDigest()))).extracting(e -> ((ApprovalException) e).code())
                .isEqualTo(ApprovalException.NOT_REQUESTER);
        assertThatThrownBy(() -> agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(
                ALICE_OTHER_TENANT, pc.argumentsDigest()))).extracting(e -> ((ApprovalException) e).code())
                .isEqualTo(ApprovalException.NOT_REQUESTER);
        assertThatThrownBy(() -> agent.resumeBlocking(pc.approvalId(), ApprovalResolution.approve(BOB_MANAGER, "ok")))
                .extracting(e -> ((ApprovalException) e).code()).isEqualTo(ApprovalException.WRONG_KIND);
        assertThat(bank.calls).isEmpty();
        assertThat(agent.store().find(pc.approvalId())).isPresent();
    }

    @Test
    void declining_ends_the_run_without_running_the_call() {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();

        RunResult r = agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.decline(ALICE));

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.CONFIRMATION_DECLINED);
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void an_unanswered_confirmation_expires_into_a_refusal() {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();
        clock.advance(Duration.ofMinutes(31));

        List<RunResult> expired = agent.expireOverdue();

        assertThat(expired).singleElement().satisfies(r -> assertThat(r.code())
                .isEqualTo(WardenCodes.CONFIRMATION_EXPIRED));
        assertThat(agent.store().find(pc.approvalId())).isEmpty();
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void a_later_call_with_changed_arguments_needs_its_own_confirmation() {
        GovernedAgent agent = agent(ScriptedChatModel.script()
                .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", IBAN, "amount", 98.7)))
                .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", IBAN, "amount", 987.0)))
                .reply("Paid").build(), null);
        PendingApproval first = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();

        RunResult r = agent.confirmBlocking(first.approvalId(), ConfirmationResolution.confirm(ALICE,
                first.argumentsDigest()));

        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(r.approval().approvalId()).isNotEqualTo(first.approvalId());
        assertThat(r.approval().arguments()).containsEntry("amount", 987.0);
        assertThat(bank.transfers).containsExactly(IBAN + ":98.7");
        assertThatThrownBy(() -> agent.confirmBlocking(r.approval().approvalId(), ConfirmationResolution.confirm(
                ALICE, first.argumentsDigest()))).extracting(e -> ((ApprovalException) e).code())
                .isEqualTo(ApprovalException.ARGUMENTS_CHANGED);
    }

    @Test
    void concurrent_confirmations_run_the_call_exactly_once() throws Exception {
        GovernedAgent agent = agent(oneTransfer(), null);
        PendingApproval pc = agent.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger rejected = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fs.add(pool.submit(() -> {
                go.await();
                try {
                    agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE, pc.argumentsDigest()));
                } catch (ApprovalException e) {
                    rejected.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        assertThat(bank.transfers).hasSize(1);
        assertThat(rejected).hasValue(7);
    }

    @Test
    void a_pending_confirmation_survives_a_restart_with_its_digest_and_origins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("suspended");
        GovernedAgent before = agent(oneTransfer(), new FileSuspendedRunStore(file));
        PendingApproval pc = before.runBlocking("pay the bill in bill-december-2023.txt", ALICE).approval();
        assertThat(Files.list(file)).isNotEmpty();

        GovernedAgent after = agent(ScriptedChatModel.script().reply("Paid").build(), new FileSuspendedRunStore(file));
        PendingApproval reloaded = after.store().find(pc.approvalId()).orElseThrow().approval();
        assertThat(reloaded).isEqualTo(pc);

        RunResult r = after.confirmBlocking(pc.approvalId(), ConfirmationResolution.confirm(ALICE,
                pc.argumentsDigest()));
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).containsExactly(IBAN + ":98.7");
    }
}
