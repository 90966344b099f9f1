package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.agent.SuspendedRun;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SuspendedRunStore} must do, run through a real {@link GovernedAgent}: keep the whole suspended run,
 * list pending approvals per tenant, and let exactly one of many concurrent claims win, also across two processes
 * sharing the store and across a restart. Subclasses provide the store; stores that cannot be shared by processes
 * return the same instance from {@link #anotherProcess()}.
 */
abstract class SuspendedRunStoreContractTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    AuditSink audit;
    SuspendedRunStore store;
    RunResult suspended;

    /** A new, empty store. */
    abstract SuspendedRunStore newStore();

    /** The store as another process (a restarted one, or a second replica) sees it. */
    abstract SuspendedRunStore anotherProcess();

    /** The audit trail the agents write to. */
    AuditSink newAuditSink() {
        return new InMemoryAuditSink();
    }

    @BeforeEach
    void suspendATransfer() {
        audit = newAuditSink();
        store = newStore();
        suspended = BankAgents.firstStart(bank, store, audit, clock).runBlocking("send 900 to my landlord", ALICE);
        assertThat(suspended.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
    }

    @AfterEach
    void closeAudit() {
        audit.close();
    }

    String approvalId() {
        return suspended.approval().approvalId();
    }

    @Test
    void the_suspended_run_is_persisted_whole_and_listed_as_pending_for_its_tenant() {
        SuspendedRunStore other = anotherProcess();
        SuspendedRun run = other.find(approvalId()).orElseThrow();
        assertThat(run.approval()).isEqualTo(suspended.approval());
        assertThat(run.pendingCall().name()).isEqualTo("send_money");
        assertThat(run.messages()).isNotEmpty();
        assertThat(other.pending("default")).extracting(PendingApproval::approvalId).containsExactly(approvalId());
        assertThat(other.pending("other-bank")).isEmpty();
        assertThat(other.pending(null)).hasSize(1);
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void the_suspended_runs_span_context_is_stored_so_the_resumption_can_link_to_it() {
        SuspendedRun run = store.find(approvalId()).orElseThrow();
        PendingApproval a = run.approval();
        PendingApproval other = new PendingApproval(a.approvalId() + "-traced", a.runId() + "-traced", a.agentId(),
                a.tenant(), a.requesterId(), a.toolName(), a.toolCallId(), a.arguments(), a.reason(),
                a.approverRoles(), a.ruleIds(), a.contextLabels(), a.requestedAt(), a.expiresAt(), a.kind(),
                a.argumentsDigest(), a.origins(), a.secretArguments());
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        store.save(new SuspendedRun(other, run.messages(), run.pendingCall(), run.remainingCalls(), run.context(),
                run.step(), run.toolCalls(), run.userInput(), run.decisions(), run.messageLabels(), traceparent));
        assertThat(anotherProcess().find(other.approvalId()).orElseThrow().suspendedSpan()).isEqualTo(traceparent);
        assertThat(anotherProcess().find(approvalId()).orElseThrow().suspendedSpan()).as("untraced run").isNull();
    }

    @Test
    void a_restart_between_suspend_and_approve_still_resumes_the_run_once() {
        GovernedAgent restarted = BankAgents.restarted(bank, anotherProcess(), audit, clock);
        RunResult r = restarted.resumeBlocking(approvalId(), ApprovalResolution.approve(BOB_MANAGER, "known landlord"));
        assertThat(r.runId()).isEqualTo(suspended.runId());
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).containsExactly("DE89370400440532013000:900.0");
        assertThat(audit.query(AuditFilter.all().run(suspended.runId())))
                .anySatisfy(rec -> assertThat(rec.reason()).contains("approved by bob"));
        assertThat(audit.verify().valid()).isTrue();

        assertThatThrownBy(() -> restarted.resumeBlocking(approvalId(), ApprovalResolution.approve(BOB_MANAGER, "")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.ALREADY_RESOLVED));
        assertThat(bank.transfers).hasSize(1);
        assertThat(store.pending(null)).isEmpty();
    }

    @Test
    void a_run_resumed_on_another_replica_knows_its_repeat_counts() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunResult first = BankAgents.repeating(bank, store, audit, clock, seen, true, 1)
                .runBlocking("check my balance, then send 900 to my landlord", ALICE);
        assertThat(first.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        // the other replica's model asks for the same transfer again once the first has run
        GovernedAgent replica = BankAgents.repeating(bank, anotherProcess(), audit, clock, seen, false, 1);
        RunResult again = replica.resumeBlocking(first.approval().approvalId(),
                ApprovalResolution.approve(BOB_MANAGER, "known landlord"));
        assertThat(bank.transfers).containsExactly("DE89370400440532013000:900.0");
        assertThat(again.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(seen).as("first transfer, then the repeat seen on the other replica").containsExactly("0/0", "1/1");

        // and once more, back on a third process: still known
        GovernedAgent third = BankAgents.repeating(bank, anotherProcess(), audit, clock, seen, false, 1);
        third.resumeBlocking(again.approval().approvalId(), ApprovalResolution.approve(BOB_MANAGER, ""));
        assertThat(bank.transfers).hasSize(2);
        assertThat(seen).containsExactly("0/0", "1/1", "2/2");
    }

    @Test
    void a_run_suspended_without_stored_counts_resumes_with_them_unknown_never_zero() {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunResult first = BankAgents.repeating(bank, store, audit, clock, seen, true, 1)
                .runBlocking("check my balance, then send 900 to my landlord", ALICE);
        SuspendedRun stored = store.claim(first.approval().approvalId()).orElseThrow();
        assertThat(stored.callMemory()).isNotNull();
        PendingApproval a = stored.approval();
        PendingApproval older = new PendingApproval(a.approvalId() + "-old", a.runId(), a.agentId(), a.tenant(),
                a.requesterId(), a.toolName(), a.toolCallId(), a.arguments(), a.reason(), a.approverRoles(),
                a.ruleIds(), a.contextLabels(), a.requestedAt(), a.expiresAt(), a.kind(), a.argumentsDigest(),
                a.origins(), a.secretArguments());
        // as a row written before the counts were stored
        store.save(new SuspendedRun(older, stored.messages(), stored.pendingCall(), stored.remainingCalls(),
                stored.context(), stored.step(), stored.toolCalls(), stored.userInput(), stored.decisions(),
                stored.messageLabels(), null));
        GovernedAgent replica = BankAgents.repeating(bank, anotherProcess(), audit, clock, seen, false, 1);
        replica.resumeBlocking(older.approvalId(), ApprovalResolution.approve(BOB_MANAGER, ""));
        assertThat(seen).containsExactly("0/0", "null/null");
    }

    @Test
    void sixteen_concurrent_claims_across_two_replicas_have_exactly_one_winner() throws Exception {
        SuspendedRunStore replica = anotherProcess();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<SuspendedRun>>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SuspendedRunStore s = i % 2 == 0 ? store : replica;
            claims.add(threads.submit(() -> {
                go.await();
                return s.claim(approvalId());
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Optional<SuspendedRun>> f : claims) {
            winners += f.get().isPresent() ? 1 : 0;
        }
        threads.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(store.isResolved(approvalId())).isTrue();
        assertThat(replica.find(approvalId())).isEmpty();
    }

    @Test
    void sixteen_concurrent_approvals_on_two_replicas_run_the_transfer_once() throws Exception {
        GovernedAgent[] replicas = {BankAgents.restarted(bank, store, audit, clock),
                BankAgents.restarted(bank, anotherProcess(), audit, clock)};
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger alreadyResolved = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            GovernedAgent agent = replicas[i % 2];
            done.add(threads.submit(() -> {
                go.await();
                try {
                    agent.resumeBlocking(approvalId(), ApprovalResolution.approve(BOB_MANAGER, ""));
                } catch (ApprovalException e) {
                    assertThat(e.code()).isEqualTo(ApprovalException.ALREADY_RESOLVED);
                    alreadyResolved.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        assertThat(bank.transfers).hasSize(1);
        assertThat(alreadyResolved.get()).isEqualTo(15);
    }

    @Test
    void unknown_ids_wrong_approvers_and_expiry_get_clear_answers() {
        GovernedAgent agent = BankAgents.restarted(bank, anotherProcess(), audit, clock);
        assertThat(store.claim("no-such-id")).isEmpty();
        assertThat(store.isResolved("no-such-id")).isFalse();
        assertThat(store.find(null)).isEmpty();
        assertThatThrownBy(() -> agent.resumeBlocking("no-such-id", ApprovalResolution.approve(BOB_MANAGER, "")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.UNKNOWN));
        assertThatThrownBy(() -> agent.resumeBlocking(approvalId(),
                ApprovalResolution.approve(Principal.of("alice", "manager"), "")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.SELF_APPROVAL));
        assertThatThrownBy(() -> agent.resumeBlocking(approvalId(),
                ApprovalResolution.approve(Principal.of("carol", "teller"), "")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_AUTHORIZED));
        assertThat(store.find(approvalId())).as("refused approvals leave the request pending").isPresent();

        clock.advance(Duration.ofHours(2));
        List<RunResult> expired = agent.expireOverdue();
        assertThat(expired).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(WardenCodes.APPROVAL_EXPIRED));
        assertThat(store.isResolved(approvalId())).isTrue();
        assertThatThrownBy(() -> agent.resumeBlocking(approvalId(), ApprovalResolution.approve(BOB_MANAGER, "")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.ALREADY_RESOLVED));
        assertThat(bank.transfers).isEmpty();
    }
}
