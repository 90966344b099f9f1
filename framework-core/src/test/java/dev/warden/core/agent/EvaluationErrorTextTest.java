package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An expression engine's error text describes the policy; the model gets a generic refusal, the audit the detail. */
class EvaluationErrorTextTest {
    static final String CEL_ERROR = "CEL evaluation failed in rule big-transfer: no such key: 'amount_eur'";

    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<ChatRequest> seenByModel = new CopyOnWriteArrayList<>();

    GovernedAgent agent(ScriptedChatModel model, Checkpoint failingAt) {
        Governor governor = Governor.builder().auditSink(audit)
                .plane(TestPlanes.of("cel", 100, EnumSet.of(failingAt), (r, c) -> "send_money".equals(r.toolName())
                        ? Decision.failure(CEL_ERROR, "WARDEN-CEL-0009", Basis.of("cel")) : Decision.allow("cel")))
                .build();
        ChatModel recording = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                seenByModel.add(request);
                return model.chat(request);
            }
        };
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(recording).tools(bank)
                .governor(governor).maxSteps(5).build();
    }

    @Test
    void the_model_sees_a_generic_refusal_for_an_evaluation_error_and_the_audit_keeps_the_detail() {
        RunResult r = agent(ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 900.0))
                .reply("could not pay").build(), Checkpoint.TOOL_CALL)
                .runBlocking("pay 900", Principal.of("alice", "customer"));

        assertThat(bank.calls).doesNotContain("send_money");
        var messages = seenByModel.get(1).messages();
        String told = ((ToolExecutionResultMessage) messages.get(messages.size() - 1)).text();
        assertThat(told).contains("refused", "WARDEN-CEL-0009", "could not be evaluated")
                .doesNotContain("amount_eur", "big-transfer", "CEL evaluation failed");
        assertThat(audit.records()).filteredOn(rec -> "TOOL_CALL".equals(rec.checkpoint()))
                .extracting(DecisionRecord::reason).anySatisfy(reason -> assertThat(reason).contains(CEL_ERROR));
        assertThat(r.decisions()).isNotEmpty();
    }

    @Test
    void a_withheld_tool_result_does_not_carry_the_evaluation_error_to_the_model() {
        agent(ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 5.0))
                .reply("ok").build(), Checkpoint.TOOL_RESULT)
                .runBlocking("pay 5", Principal.of("alice", "customer"));

        var messages = seenByModel.get(1).messages();
        String told = ((ToolExecutionResultMessage) messages.get(messages.size() - 1)).text();
        assertThat(told).contains("withheld").doesNotContain("amount_eur", "CEL evaluation failed");
    }
}
