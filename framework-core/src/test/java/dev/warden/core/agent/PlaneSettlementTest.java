package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The runtime tells every consulted plane whether the action it was asked about happened. */
class PlaneSettlementTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    final BankTools bank = new BankTools();
    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    final Recorder recorder = new Recorder();

    /** Records hooks at TOOL_CALL; allows everything. */
    static class Recorder implements PolicyPlane {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Settlement> settlements = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            events.add("evaluate " + request.toolName());
            return Decision.allow(name());
        }

        @Override
        public void committed(Settlement s) {
            settlements.add(s);
            events.add("committed " + s.request().toolName());
        }

        @Override
        public void aborted(Settlement s) {
            settlements.add(s);
            events.add("aborted " + s.request().toolName() + " " + s.abort());
        }
    }

    private GovernedAgent agent(PolicyPlane other, ScriptedChatModel model) {
        Governor.Builder g = Governor.builder().plane(recorder).clock(clock);
        if (other != null) {
            g.plane(other);
        }
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model).tools(bank)
                .governor(g.build()).build();
    }

    private static ScriptedChatModel calls(String tool, Map<String, Object> args) {
        return ScriptedChatModel.script().callTools(ScriptedChatModel.call(tool, args)).reply("done").build();
    }

    @Test
    void tool_that_ran_is_committed_after_it_ran_with_the_planes_own_decision() {
        agent(null, calls("get_balance", Map.of())).runBlocking("balance?", ALICE);
        assertThat(recorder.events).containsExactly("evaluate get_balance", "committed get_balance");
        Settlement s = recorder.settlements.get(0);
        assertThat(s.committed()).isTrue();
        assertThat(s.decision()).isInstanceOf(Decision.Allow.class);
        assertThat(s.request().toolCallId()).isNotNull();
        assertThat(s.context().runId()).isNotNull();
    }

    @Test
    void call_denied_by_another_plane_is_aborted_for_every_consulted_plane() {
        agent(TestPlanes.denyTool("veto", "send_money"), calls("send_money", Map.of("recipient", "DE89370400440532013000",
                "amount", 10))).runBlocking("pay", ALICE);
        assertThat(recorder.events).containsExactly("evaluate send_money", "aborted send_money DENIED");
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void tool_that_throws_is_aborted_as_failed() {
        agent(null, calls("broken", Map.of())).runBlocking("break", ALICE);
        assertThat(recorder.events).containsExactly("evaluate broken", "aborted broken ACTION_FAILED");
    }

    private PolicyPlane approvalGate() {
        return TestPlanes.of("gate", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> Decision.requireApproval("needs a manager", Set.of("manager"), Duration.ofHours(1),
                        Basis.rule("gate", "banking", "1", "transfer-approval")));
    }

    @Test
    void approval_refused_is_aborted_as_refused_and_the_tool_never_runs() {
        GovernedAgent a = agent(approvalGate(), calls("send_money", Map.of("recipient", "DE89370400440532013000",
                "amount", 10)));
        RunResult suspended = a.runBlocking("pay", ALICE);
        assertThat(recorder.events).containsExactly("evaluate send_money");
        a.resumeBlocking(suspended.approval().approvalId(), ApprovalResolution.deny(BOB_MANAGER, "no"));
        assertThat(recorder.events).containsExactly("evaluate send_money", "aborted send_money REFUSED");
        assertThat(recorder.settlements.get(0).request().toolCallId())
                .isEqualTo(suspended.approval().toolCallId());
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void approval_granted_is_committed_once_the_tool_ran() {
        GovernedAgent a = agent(approvalGate(), calls("send_money", Map.of("recipient", "DE89370400440532013000",
                "amount", 10)));
        RunResult suspended = a.runBlocking("pay", ALICE);
        a.resumeBlocking(suspended.approval().approvalId(), ApprovalResolution.approve(BOB_MANAGER, "ok"));
        assertThat(recorder.events).containsExactly("evaluate send_money", "committed send_money");
        assertThat(bank.calls).containsExactly("send_money");
    }

    @Test
    void a_throwing_hook_changes_no_outcome() {
        PolicyPlane rude = new Recorder() {
            @Override
            public String name() {
                return "rude";
            }

            @Override
            public void committed(Settlement s) {
                throw new IllegalStateException("boom");
            }
        };
        RunResult r = agent(rude, calls("get_balance", Map.of())).runBlocking("balance?", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(recorder.events).containsExactly("evaluate get_balance", "committed get_balance");
    }
}
