package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalFlowTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    GovernedAgent agent;
    RunResult suspended;

    @BeforeEach
    void suspend() {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval"))
                        : Decision.allow("action-boundary"));
        agent = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", "DE89370400440532013000",
                                "amount", 900)), ScriptedChatModel.call("get_balance", Map.of()))
                        .reply("Transfer done").build())
                .tools(bank).governor(Governor.builder().plane(gate).auditSink(audit).clock(clock).build()).build();
        suspended = agent.runBlocking("send 900 to my landlord", ALICE);
    }

    @Test
    void suspends_before_running_the_tool() {
        assertThat(suspended.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(bank.calls).isEmpty();
        PendingApproval pa = suspended.approval();
        assertThat(pa.toolName()).isEqualTo("send_money");
        assertThat(pa.arguments()).containsEntry("amount", 900);
        assertThat(pa.ruleIds()).containsExactly("transfer-approval");
        assertThat(pa.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(agent.store().pending("default")).extracting(PendingApproval::approvalId)
                .containsExactly(pa.approvalId());
    }

    @Test
    void approval_resumes_the_same_run_and_runs_the_remaining_calls() {
        RunResult r = agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(BOB_MANAGER, "landlord is known"));
        assertThat(r.runId()).isEqualTo(suspended.runId());
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.calls).containsExactly("send_money", "get_balance");
        assertThat(bank.transfers).containsExactly("DE89370400440532013000:900.0");
        assertThat(audit.records()).anySatisfy(rec -> assertThat(rec.reason()).contains("approved by bob"));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void concurrent_approvals_run_the_tool_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger rejected = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fs.add(pool.submit(() -> {
                go.await();
                try {
                    agent.resumeBlocking(suspended.approval().approvalId(), ApprovalResolution.approve(BOB_MANAGER, ""));
                } catch (ApprovalException e) {
                    assertThat(e.code()).isEqualTo(ApprovalException.ALREADY_RESOLVED);
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
        assertThat(rejected.get()).isEqualTo(7);
    }

    @Test
    void the_requester_cannot_approve_and_the_approval_stays_pending() {
        Principal aliceAsManager = Principal.of("alice", "manager");
        assertThatThrownBy(() -> agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(aliceAsManager, "")))
                .isInstanceOf(ApprovalException.class)
                .satisfies(e -> assertThat(((ApprovalException) e).code()).isEqualTo(ApprovalException.SELF_APPROVAL));
        assertThat(bank.transfers).isEmpty();
        assertThat(agent.store().find(suspended.approval().approvalId())).isPresent();
    }

    @Test
    void an_approver_without_the_role_is_refused() {
        assertThatThrownBy(() -> agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(Principal.of("carol", "teller"), "")))
                .satisfies(e -> assertThat(((ApprovalException) e).code()).isEqualTo(ApprovalException.NOT_AUTHORIZED));
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void denial_ends_the_run_without_running_the_tool() {
        RunResult r = agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.deny(BOB_MANAGER, "unknown recipient"));
        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.APPROVAL_DENIED);
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void expiry_turns_into_denial() {
        clock.advance(Duration.ofHours(2));
        RunResult r = agent.resumeBlocking(suspended.approval().approvalId(), ApprovalResolution.approve(BOB_MANAGER, ""));
        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.APPROVAL_EXPIRED);
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void the_sweeper_expires_overdue_approvals() {
        assertThat(agent.expireOverdue()).isEmpty();
        clock.advance(Duration.ofHours(2));
        List<RunResult> expired = agent.expireOverdue();
        assertThat(expired).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(WardenCodes.APPROVAL_EXPIRED));
        assertThat(agent.store().pending(null)).isEmpty();
    }

    @Test
    void suspended_state_survives_a_json_round_trip() {
        SuspendedRun run = agent.store().find(suspended.approval().approvalId()).orElseThrow();
        SuspendedRun back = SuspendedRun.fromJson(run.toJson());
        assertThat(back.approval()).isEqualTo(run.approval());
        assertThat(back.messages()).isEqualTo(run.messages());
        assertThat(back.remainingCalls()).extracting(c -> c.name()).containsExactly("get_balance");
        assertThat(back.context()).isEqualTo(run.context());
        assertThat(back.decisions()).isEqualTo(run.decisions());
    }

    @Test
    void an_unknown_approval_id_is_reported() {
        assertThatThrownBy(() -> agent.resumeBlocking("nope", ApprovalResolution.approve(BOB_MANAGER, "")))
                .satisfies(e -> assertThat(((ApprovalException) e).code()).isEqualTo(ApprovalException.UNKNOWN));
    }
}
