package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.model.scripted.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A tool that declares field labels but returns text that is not JSON (or too large to walk): the fields cannot be
 * located, so every declared field's labels count for the whole result, and a hosted model not cleared for them gets a
 * marker instead of the text. Before the fix the field labels were dropped and the tax id reached the model in clear
 * (found by the session-12 work on field-level withholding). Assertions are on the requests the model received.
 */
class FieldLabelsOutsideJsonScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    static final String TAX_ID = "078-05-1120";
    static final Labels RESTRICTED_PII = new Labels(Confidentiality.RESTRICTED, new java.util.TreeSet<>(Set.of("PII")),
            dev.warden.core.Integrity.TRUSTED);

    /** A customer record: CONFIDENTIAL/PII as a whole, its tax id RESTRICTED/PII. */
    public static class Customers {
        volatile String record = "{\"id\":3,\"name\":\"Ada Moss\",\"city\":\"Leeds\",\"tax_id\":\"" + TAX_ID + "\"}";
        volatile Labels whole;

        @Tool(name = "get_customer", value = "One customer record")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
        public String get(@P("id") int id) {
            ResultLabels.declareFields(Map.of("tax_id", RESTRICTED_PII));
            if (whole != null) {
                ResultLabels.declare(whole);
            }
            return record;
        }
    }

    final Customers tools = new Customers();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    RunResult run() {
        ScriptedChatModel model = ScriptedChatModel.script().modelName("gpt-4o")
                .turn(r -> AiMessage.from(ScriptedChatModel.call("get_customer", Map.of("id", 3))))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("done");
                }).build();
        Governor g = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(),
                ModelClearances.defaults())).build();
        return GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(model).modelName("gpt-4o")
                .tools(tools).governor(g).build().runBlocking("Show me customer 3", ALICE);
    }

    String toolText() {
        return ModelSinkScenarioTest.lastToolText(received.get(0));
    }

    @Test
    void a_result_that_is_not_json_is_withheld_whole() {
        tools.record = "name=Ada Moss tax_id=" + TAX_ID;
        run();

        assertThat(toolText()).isEqualTo("[withheld: RESTRICTED/PII]");
        assertThat(received.get(0).messages().toString()).doesNotContain(TAX_ID);
    }
}
