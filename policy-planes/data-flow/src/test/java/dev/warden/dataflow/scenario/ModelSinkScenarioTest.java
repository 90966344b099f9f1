package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The model as a sink, through the real governed loop: what a model request actually carries is compared, part by
 * part, with the model's clearance. Assertions are on the requests the model received.
 */
class ModelSinkScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    final HrTools hr = new HrTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    /** Reads the HR note, then answers with what it was sent. */
    ScriptedChatModel readsTheNote(String modelName) {
        return ScriptedChatModel.script().modelName(modelName)
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from(ScriptedChatModel.call("hr_read_note", Map.of("person", "Jane Roe")));
                })
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("The note says: " + lastToolText(r));
                })
                .build();
    }

    GovernedAgent agent(ScriptedChatModel model, String modelName, ModelClearances models) {
        Governor g = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(), models))
                .auditSink(audit).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("hr-assistant")).model(model).modelName(modelName)
                .tools(hr).governor(g).build();
    }

    static String lastToolText(ChatRequest r) {
        List<ChatMessage> m = r.messages();
        for (int i = m.size() - 1; i >= 0; i--) {
            if (m.get(i) instanceof ToolExecutionResultMessage t) {
                return t.text();
            }
        }
        return null;
    }

    static String everything(ChatRequest r) {
        return r.messages().toString();
    }

    @Test
    void a_restricted_tool_result_never_reaches_a_hosted_model() {
        RunResult r = agent(readsTheNote("gpt-4o"), "gpt-4o", ModelClearances.defaults())
                .runBlocking("What does HR say about Jane Roe?", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(2);
        assertThat(lastToolText(received.get(1))).isEqualTo("[withheld: RESTRICTED/PII]");
        assertThat(received).noneSatisfy(req -> assertThat(everything(req)).contains("medical leave"));
        assertThat(r.decisions()).filteredOn(d -> d.checkpoint().equals("MODEL_REQUEST") && d.step() == 2)
                .singleElement().satisfies(d -> {
                    assertThat(d.outcome()).isEqualTo("TRANSFORM");
                    assertThat(d.ruleIds()).contains(DataFlowCodes.RULE_MODEL_CLEARANCE);
                    assertThat(d.reason()).contains("hr_read_note").doesNotContain("medical leave");
                });
        // the audit records what was withheld, not what it was
        assertThat(audit.records()).filteredOn(x -> x.checkpoint().equals("MODEL_REQUEST") && x.step() == 2)
                .singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo("TRANSFORM"));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_local_model_cleared_for_restricted_sees_it() {
        ModelClearances models = ModelClearances.builder().clearance("local-llama", Labels.UNRESTRICTED).build();
        RunResult r = agent(readsTheNote("local-llama"), "local-llama", models)
                .runBlocking("What does HR say about Jane Roe?", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(lastToolText(received.get(1))).isEqualTo(HrTools.NOTE);
        assertThat(r.output()).contains("medical leave");
    }

    @Test
    void a_model_whose_mode_is_deny_is_not_called_with_content_above_its_clearance() {
        ModelClearances models = ModelClearances.builder().mode("gpt-4o", ModelClearances.Mode.DENY).build();
        RunResult r = agent(readsTheNote("gpt-4o"), "gpt-4o", models)
                .runBlocking("What does HR say about Jane Roe?", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(DataFlowCodes.MODEL_ABOVE_CLEARANCE);
        assertThat(received).hasSize(1); // only the first request, before the note was read
    }

    @Test
    void content_within_the_clearance_goes_unchanged() {
        ScriptedChatModel model = ScriptedChatModel.script()
                .turn(r -> AiMessage.from(ScriptedChatModel.call("team_news", Map.of())))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("News: " + lastToolText(r));
                }).build();
        RunResult r = agent(model, "gpt-4o", ModelClearances.defaults()).runBlocking("Any news?", ALICE);

        assertThat(lastToolText(received.get(0))).isEqualTo("The offsite moves to Thursday");
        assertThat(r.decisions()).filteredOn(d -> d.checkpoint().equals("MODEL_REQUEST"))
                .extracting(DecisionSummary::outcome).containsOnly("ALLOW");
    }

    @Test
    void the_answer_of_a_model_that_saw_restricted_content_is_withheld_from_a_model_that_may_not() {
        // the answer quotes the note: it carries what its model was sent, so it is RESTRICTED in the conversation
        dev.warden.core.agent.InMemoryConversationStore memory = new dev.warden.core.agent.InMemoryConversationStore();
        ModelClearances models = ModelClearances.builder().clearance("local-llama", Labels.UNRESTRICTED).build();
        Governor g = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(), models)).build();
        dev.warden.core.GovernanceContext ctx = dev.warden.core.GovernanceContext.of(ALICE,
                AgentIdentity.of("hr-assistant")).withTask(new dev.warden.core.TaskContext(null, "conv-1", null));
        GovernedAgent.builder().identity(AgentIdentity.of("hr-assistant")).model(readsTheNote("local-llama"))
                .modelName("local-llama").tools(hr).governor(g).memory(memory).build()
                .runBlocking("What does HR say about Jane Roe?", ctx);
        received.clear();
        ScriptedChatModel hosted = ScriptedChatModel.script().turn(r -> {
            received.add(r);
            return AiMessage.from("ok");
        }).build();
        GovernedAgent.builder().identity(AgentIdentity.of("hr-assistant")).model(hosted).modelName("gpt-4o")
                .tools(hr).governor(g).memory(memory).build().runBlocking("Summarise our conversation", ctx);

        assertThat(received).singleElement().satisfies(req -> {
            assertThat(everything(req)).doesNotContain("medical leave").contains("[withheld: RESTRICTED/PII]");
            // the earlier question and the new one are the user's own words: they go
            assertThat(req.messages()).filteredOn(m -> m instanceof UserMessage).extracting(m -> ((UserMessage) m)
                    .singleText()).containsExactly("What does HR say about Jane Roe?", "Summarise our conversation");
        });
    }

    @Test
    void a_run_resumed_after_approval_still_withholds_what_it_read_before_suspending(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("hr_read_note", Map.of("person", "Jane Roe"))
                .callTool("team_news", Map.of())
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("ok");
                }).build();
        dev.warden.spi.PolicyPlane approvals = dev.warden.core.testing.TestPlanes.of("approvals", (req, c) ->
                "team_news".equals(req.toolName()) && req.checkpoint() == dev.warden.core.Checkpoint.TOOL_CALL
                        ? dev.warden.core.Decision.requireApproval("news need a manager", java.util.Set.of(), null,
                                dev.warden.core.Basis.of("approvals"))
                        : dev.warden.core.Decision.allow("approvals"));
        Governor g = Governor.builder().plane(new DataFlowPlane()).plane(approvals).build();
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("hr-assistant")).model(model)
                .modelName("gpt-4o").tools(hr).governor(g)
                .store(new dev.warden.core.agent.FileSuspendedRunStore(dir)).build();

        RunResult waiting = agent.runBlocking("HR note, then the news", ALICE);
        assertThat(waiting.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        RunResult done = agent.resumeBlocking(waiting.approval().approvalId(),
                dev.warden.core.agent.ApprovalResolution.approve(Principal.of("maria", "manager"), null));

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).singleElement().satisfies(req -> assertThat(everything(req))
                .doesNotContain("medical leave").contains("[withheld: RESTRICTED/PII]")
                .contains("The offsite moves to Thursday"));
    }
}
