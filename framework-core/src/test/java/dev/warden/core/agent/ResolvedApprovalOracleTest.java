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
import dev.warden.core.testing.TestPlanes;
import dev.warden.spi.SuspendedRunStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Another tenant cannot tell a resolved approval from one that never existed: both are "unknown" to it, while the
 * owning tenant still hears "already resolved" (a second decision is a 409, not a 404).
 */
class ResolvedApprovalOracleTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB = Principal.of("bob", "manager");
    static final Principal EVE = new Principal("eve", "other-bank", Set.of("manager"), Map.of());

    @TempDir
    Path dir;

    SuspendedRunStore store(String kind) {
        return kind.equals("file") ? new FileSuspendedRunStore(dir) : new InMemorySuspendedRunStore();
    }

    GovernedAgent agent(SuspendedRunStore store) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.requireApproval("transfers need a manager", Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "banking", "3", "transfer-approval"))
                        : Decision.allow("action-boundary"));
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(ScriptedChatModel.script()
                        .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 900))
                        .reply("Transfer done").build())
                .tools(new BankTools()).store(store)
                .governor(Governor.builder().plane(gate).auditSink(new InMemoryAuditSink()).build())
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void a_resolved_approval_is_unknown_to_another_tenant_and_resolved_to_its_own(String kind) {
        SuspendedRunStore store = store(kind);
        GovernedAgent agent = agent(store);
        String id = agent.runBlocking("pay 900", ALICE).approval().approvalId();
        agent.resumeBlocking(id, ApprovalResolution.approve(BOB, "ok"));

        assertThat(store.isResolved(id, "default")).isTrue();
        assertThat(store.isResolved(id, "other-bank")).isFalse();
        assertThat(store.isResolved("never-existed", "other-bank")).isFalse();
        assertThatThrownBy(() -> agent.resumeBlocking(id, ApprovalResolution.approve(EVE, "mine")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.UNKNOWN));
        assertThatThrownBy(() -> agent.resumeBlocking(id, ApprovalResolution.approve(BOB, "again")))
                .isInstanceOfSatisfying(ApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalException.ALREADY_RESOLVED));
    }
}
