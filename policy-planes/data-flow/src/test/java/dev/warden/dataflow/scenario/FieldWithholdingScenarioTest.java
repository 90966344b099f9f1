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
 * Field-level withholding (decision 0069) through the real governed loop: a record whose one field is above a hosted
 * model's clearance reaches the model with only that field's value replaced. Assertions are on the requests the
 * model received.
 */
class FieldWithholdingScenarioTest {
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
    void only_the_over_clearance_field_is_withheld_and_the_rest_reaches_the_model() {
        RunResult r = run();

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).messages().toString()).doesNotContain(TAX_ID);
        assertThat(toolText()).contains("\"name\":\"Ada Moss\"", "\"city\":\"Leeds\"",
                "\"tax_id\":\"[withheld: RESTRICTED/PII]\"");
        assertThat(r.decisions()).filteredOn(d -> d.checkpoint().equals("MODEL_REQUEST") && d.step() == 2)
                .singleElement().satisfies(d -> assertThat(d.reason()).contains("fields tax_id only")
                        .doesNotContain(TAX_ID));
    }

    @Test
    void a_field_value_that_also_appears_elsewhere_withholds_the_whole_record() {
        tools.record = "{\"name\":\"Ada Moss\",\"notes\":\"tax id " + TAX_ID + "\",\"tax_id\":\"" + TAX_ID + "\"}";
        run();

        assertThat(toolText()).isEqualTo("[withheld: RESTRICTED/PII]");
        assertThat(received.get(0).messages().toString()).doesNotContain(TAX_ID).doesNotContain("Ada Moss");
    }

    @Test
    void a_result_that_is_not_json_is_withheld_whole() {
        tools.record = "name=Ada Moss tax_id=" + TAX_ID;
        run();

        assertThat(toolText()).isEqualTo("[withheld: RESTRICTED/PII]");
    }

    @Test
    void a_residual_above_the_clearance_withholds_the_whole_record() {
        tools.whole = RESTRICTED_PII; // the tool says the record as a whole is RESTRICTED, not only its tax id
        run();

        assertThat(toolText()).isEqualTo("[withheld: RESTRICTED/PII]");
        assertThat(received.get(0).messages().toString()).doesNotContain("Ada Moss");
    }
}
