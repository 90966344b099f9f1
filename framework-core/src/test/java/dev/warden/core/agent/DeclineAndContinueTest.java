package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
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
import dev.warden.core.testing.TestPlanes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** "Not this, carry on": a declined (or refused) call is refused alone and the run goes on without it. */
class DeclineAndContinueTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");
    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<String> toolResultsSeen = new CopyOnWriteArrayList<>();

    GovernedAgent agent(boolean approval, ScriptedChatModel.ScriptBuilder script) {
        var gate = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> !"send_money".equals(req.toolName()) ? Decision.allow("action-boundary")
                        : approval ? Decision.requireApproval("large", java.util.Set.of("manager"), Duration.ofHours(1),
                                Basis.rule("action-boundary", "bank", "1", "large-transfers"))
                        : Decision.requireConfirmation("is this yours?", Duration.ofMinutes(30), List.of(),
                                Basis.rule("action-boundary", "bank", "1", "transfers-confirmed")));
        ScriptedChatModel model = script.turn(r -> {
            r.messages().stream().filter(m -> m instanceof ToolExecutionResultMessage)
                    .forEach(m -> toolResultsSeen.add(((ToolExecutionResultMessage) m).text()));
            return dev.langchain4j.data.message.AiMessage.from("Carried on without the transfer");
        }).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model).tools(bank)
                .governor(Governor.builder().plane(gate).auditSink(audit).build()).build();
    }

    static ScriptedChatModel.ScriptBuilder transferThenAnswer() {
        return ScriptedChatModel.script().callTools(ScriptedChatModel.call("send_money",
                Map.of("recipient", "DE89370400440532013000", "amount", 98.7)));
    }

    @Test
    void declining_one_call_and_carrying_on_refuses_that_call_only_and_the_run_completes() {
        GovernedAgent agent = agent(false, transferThenAnswer());
        PendingApproval pc = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult r = agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.declineAndContinue(ALICE));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).isEqualTo("Carried on without the transfer");
        assertThat(bank.transfers).isEmpty();
        assertThat(toolResultsSeen).anySatisfy(t -> assertThat(t).contains("declined")
                .contains(WardenCodes.CONFIRMATION_DECLINED));
        assertThat(audit.records()).anySatisfy(rec -> assertThat(rec.reason()).isEqualTo("declined by alice"));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_declined_call_the_model_repeats_needs_a_confirmation_of_its_own() {
        GovernedAgent agent = agent(false, transferThenAnswer().callTools(ScriptedChatModel.call("send_money",
                Map.of("recipient", "DE89370400440532013000", "amount", 98.7))));
        PendingApproval first = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult r = agent.confirmBlocking(first.approvalId(), ConfirmationResolution.declineAndContinue(ALICE));

        assertThat(r.status()).isEqualTo(RunStatus.AWAITING_CONFIRMATION);
        assertThat(r.approval().approvalId()).isNotEqualTo(first.approvalId());
        assertThat(bank.transfers).isEmpty();
    }

    @Test
    void a_plain_decline_still_ends_the_run() {
        GovernedAgent agent = agent(false, transferThenAnswer());
        PendingApproval pc = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult r = agent.confirmBlocking(pc.approvalId(), ConfirmationResolution.decline(ALICE));

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.CONFIRMATION_DECLINED);
    }

    @Test
    void an_approver_refusing_one_call_and_letting_the_run_carry_on() {
        GovernedAgent agent = agent(true, transferThenAnswer());
        PendingApproval pa = agent.runBlocking("pay the bill", ALICE).approval();

        RunResult r = agent.resumeBlocking(pa.approvalId(), ApprovalResolution.denyAndContinue(BOB_MANAGER, "no"));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).isEmpty();
        assertThat(toolResultsSeen).anySatisfy(t -> assertThat(t).contains("refused")
                .contains(WardenCodes.APPROVAL_DENIED));
    }
}
