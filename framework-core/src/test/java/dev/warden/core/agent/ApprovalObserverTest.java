package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.spi.ApprovalObserver;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Observers hear each request and each resolution once, after the fact, and can never change the run. */
class ApprovalObserverTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB = Principal.of("bob", "manager");
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    final List<String> events = new CopyOnWriteArrayList<>();

    GovernedAgent agent(boolean confirmation, ApprovalObserver... observers) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> !"send_money".equals(req.toolName()) ? Decision.allow("action-boundary")
                        : confirmation ? Decision.requireConfirmation("confirm the transfer", Duration.ofMinutes(5),
                                Basis.rule("action-boundary", "banking", "3", "transfer-confirm"))
                        : Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval")));
        GovernedAgent.Builder b = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(ScriptedChatModel.script()
                        .callTools(ScriptedChatModel.call("send_money", Map.of("recipient", "DE89370400440532013000",
                                "amount", 900)))
                        .reply("Transfer done").build())
                .tools(bank).governor(Governor.builder().plane(gate).auditSink(new InMemoryAuditSink()).clock(clock)
                        .build());
        for (ApprovalObserver o : observers) {
            b.approvalObserver(o);
        }
        return b.build();
    }

    ApprovalObserver recording() {
        return new ApprovalObserver() {
            @Override
            public void requested(PendingApproval a) {
                events.add("requested " + a.kind() + " " + a.toolName() + " stored=" + stored(a));
            }

            @Override
            public void resolved(PendingApproval a, ApprovalOutcome o) {
                events.add("resolved " + o.status() + " by " + o.decidedBy() + " code " + o.code());
            }
        };
    }

    GovernedAgent current;

    boolean stored(PendingApproval a) {
        return current.store().find(a.approvalId()).isPresent();
    }

    @Test
    void observers_hear_the_request_after_it_is_stored_and_the_decision_once() {
        current = agent(false, recording());
        RunResult r = current.runBlocking("send 900", ALICE);
        assertThat(events).containsExactly("requested APPROVAL send_money stored=true");
        current.resumeBlocking(r.approval().approvalId(), ApprovalResolution.approve(BOB, "ok"));
        assertThat(events).containsExactly("requested APPROVAL send_money stored=true",
                "resolved APPROVED by bob code null");
    }

    @Test
    void a_denial_and_a_declined_confirmation_are_reported_with_their_codes() {
        current = agent(false, recording());
        RunResult r = current.runBlocking("send 900", ALICE);
        current.resumeBlocking(r.approval().approvalId(), ApprovalResolution.deny(BOB, "no"));
        assertThat(events).last().isEqualTo("resolved DENIED by bob code " + WardenCodes.APPROVAL_DENIED);

        events.clear();
        current = agent(true, recording());
        r = current.runBlocking("send 900", ALICE);
        assertThat(events).containsExactly("requested CONFIRMATION send_money stored=true");
        current.confirmBlocking(r.approval().approvalId(), ConfirmationResolution.decline(ALICE));
        assertThat(events).last().isEqualTo("resolved DECLINED by alice code " + WardenCodes.CONFIRMATION_DECLINED);
    }

    @Test
    void the_expiry_sweeper_reports_an_expiry_without_a_decider() {
        current = agent(false, recording());
        current.runBlocking("send 900", ALICE);
        clock.advance(Duration.ofHours(2));
        current.expireOverdue();
        current.expireOverdue();
        assertThat(events).containsExactly("requested APPROVAL send_money stored=true",
                "resolved EXPIRED by null code " + WardenCodes.APPROVAL_EXPIRED);
    }

    @Test
    void a_failing_observer_changes_nothing() {
        ApprovalObserver broken = new ApprovalObserver() {
            @Override
            public void requested(PendingApproval a) {
                throw new IllegalStateException("mail server down");
            }

            @Override
            public void resolved(PendingApproval a, ApprovalOutcome o) {
                throw new IllegalStateException("mail server down");
            }
        };
        current = agent(false, broken, recording());
        RunResult r = current.runBlocking("send 900", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        RunResult done = current.resumeBlocking(r.approval().approvalId(), ApprovalResolution.approve(BOB, null));
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).hasSize(1);
        assertThat(events).hasSize(2);
    }
}
