package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.FileSuspendedRunStore;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.spi.PolicyPlane;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run resumed from storage keeps no field splits (decision 0076): the record the hosted model saw with only its
 * {@code ssn} withheld before the run suspended is withheld whole after it resumes, in a new agent reading the same
 * store (a restart). Fail closed: the split was a claim about one text under the configuration of its time, and is
 * not rebuilt from stored rows.
 */
class ResumedRunFieldWithholdingScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");

    /** A customer record whose {@code ssn} is declared RESTRICTED/PII, and a mail that needs approval. */
    public static class Crm {
        @Tool(name = "get_customer", value = "One customer record")
        @ToolGovernance(effects = Effect.READ)
        public String get(@P("id") int id) {
            ResultLabels.declareFields(Map.of("ssn", Labels.of(Confidentiality.RESTRICTED, "PII")));
            return "{\"name\":\"Ada Byron\",\"city\":\"Leeds\",\"ssn\":\"078-05-1120\"}";
        }

        @Tool(name = "send_note", value = "Sends a note to the account team")
        @ToolGovernance(effects = Effect.WRITE)
        public String send(@P("text") String text) {
            return "sent";
        }
    }

    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    /** One script across the restart: the model is a remote service, the agent and its planes are new. */
    final ScriptedChatModel model = ScriptedChatModel.script().modelName("gpt-4o")
                .callTool("get_customer", Map.of("id", 3))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from(ScriptedChatModel.call("send_note", Map.of("text", "customer 3 checked")));
                })
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("done");
                }).build();

    GovernedAgent agent(Path dir) {
        PolicyPlane approvals = TestPlanes.of("approvals", (req, c) ->
                "send_note".equals(req.toolName()) && req.checkpoint() == Checkpoint.TOOL_CALL
                        ? Decision.requireApproval("notes need a manager", Set.of(), null, Basis.of("approvals"))
                        : Decision.allow("approvals"));
        Governor g = Governor.builder().plane(new DataFlowPlane()).plane(approvals).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(model).modelName("gpt-4o")
                .tools(new Crm()).governor(g).store(new FileSuspendedRunStore(dir)).build();
    }

    @Test
    void a_record_split_before_suspending_is_withheld_whole_after_resuming(@TempDir Path dir) {
        RunResult waiting = agent(dir).runBlocking("Check customer 3 and tell the account team", ALICE);
        assertThat(waiting.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(received).hasSize(1);
        assertThat(toolText(received.get(0), "get_customer")).contains("Leeds")
                .contains("\"ssn\":\"[withheld: RESTRICTED/PII]\"");

        RunResult done = agent(dir).resumeBlocking(waiting.approval().approvalId(), // a new agent: a restart
                ApprovalResolution.approve(Principal.of("maria", "manager"), null));

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).messages().toString()).doesNotContain("078-05-1120");
        assertThat(toolText(received.get(1), "get_customer")).isEqualTo("[withheld: RESTRICTED/PII]");
    }

    static String toolText(ChatRequest r, String tool) {
        for (ChatMessage m : r.messages()) {
            if (m instanceof ToolExecutionResultMessage t && tool.equals(t.toolName())) {
                return t.text();
            }
        }
        return null;
    }
}
