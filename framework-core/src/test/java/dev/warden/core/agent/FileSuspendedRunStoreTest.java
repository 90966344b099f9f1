package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
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
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded file-backed approval store: durable across restarts, claimed exactly once, never silently lossy. */
class FileSuspendedRunStoreTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB = Principal.of("bob", "manager");

    @TempDir
    Path dir;
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-25T10:00:00Z");
    /** One model across "restarts": it is the conversation, not the process, that continues. */
    final ScriptedChatModel model = ScriptedChatModel.script()
            .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 900))
            .reply("Transfer done").build();

    GovernedAgent agent(FileSuspendedRunStore store) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval"))
                        : Decision.allow("action-boundary"));
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(model)
                .tools(bank).store(store)
                .governor(Governor.builder().plane(gate).auditSink(new InMemoryAuditSink()).clock(clock).build())
                .build();
    }

    @Test
    void a_suspended_run_survives_a_restart_and_resumes_once() {
        RunResult suspended = agent(new FileSuspendedRunStore(dir)).runBlocking("send 900 to my landlord", ALICE);
        assertThat(suspended.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        String id = suspended.approval().approvalId();

        FileSuspendedRunStore reopened = new FileSuspendedRunStore(dir);   // a new process, same directory
        assertThat(reopened.pending("default")).extracting(PendingApproval::approvalId).containsExactly(id);
        assertThat(reopened.pending("other-tenant")).isEmpty();
        RunResult done = agent(reopened).resumeBlocking(id, ApprovalResolution.approve(BOB, "known landlord"));
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.runId()).isEqualTo(suspended.runId());
        assertThat(bank.transfers).containsExactly("DE89370400440532013000:900.0");
        assertThat(reopened.isResolved(id)).isTrue();
        assertThat(reopened.pending(null)).isEmpty();
        assertThatThrownBy(() -> agent(reopened).resumeBlocking(id, ApprovalResolution.approve(BOB, "again")))
                .isInstanceOf(ApprovalException.class)
                .satisfies(e -> assertThat(((ApprovalException) e).code()).isEqualTo(ApprovalException.ALREADY_RESOLVED));
        assertThat(bank.transfers).hasSize(1);
    }

    @Test
    void concurrent_claims_have_exactly_one_winner() throws Exception {
        FileSuspendedRunStore store = new FileSuspendedRunStore(dir);
        String id = agent(store).runBlocking("send 900", ALICE).approval().approvalId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            FileSuspendedRunStore racer = new FileSuspendedRunStore(dir);
            claims.add(pool.submit(() -> {
                go.await();
                return racer.claim(id).isPresent();
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : claims) {
            winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void a_corrupt_file_is_an_error_not_a_silent_loss_and_hostile_ids_never_touch_the_disk() throws Exception {
        FileSuspendedRunStore store = new FileSuspendedRunStore(dir);
        Files.writeString(dir.resolve("broken.pending.json"), "{ not json");
        assertThatThrownBy(() -> store.pending(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt");
        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.claim("../x")).isEmpty();
        assertThat(store.isResolved(null)).isFalse();
    }
}
