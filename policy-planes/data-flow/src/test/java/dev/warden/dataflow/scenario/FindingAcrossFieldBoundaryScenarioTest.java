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
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.model.scripted.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Field-level withholding (decision 0069) when a detector finding exists only across a field boundary — a keyword in
 * one field, the number in another (review13 L2, decision 0076). The record's {@code ssn} field really holds an SSN
 * the detectors recognise, so before the fix the placement's labels (RESTRICTED/PII in a field) covered the whole
 * text's, the cross-boundary finding was excused, and its number reached the hosted model. Now each finding of the whole text is placed by where
 * its value is.
 */
class FindingAcrossFieldBoundaryScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    /** A dashed SSN the detectors recognise on its own (078-05-1120, the advertising one, they rightly ignore). */
    static final String OWN_SSN = "412-56-7890";

    /** A record whose {@code ssn} field is declared RESTRICTED/PII. */
    public static class Customers {
        volatile String record;

        @Tool(name = "get_customer", value = "One customer record")
        @ToolGovernance(effects = Effect.READ)
        public String get(@P("id") int id) {
            ResultLabels.declareFields(Map.of("ssn", Labels.of(Confidentiality.RESTRICTED, "PII")));
            return record;
        }
    }

    final Customers tools = new Customers();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    String toolTextSeenByHostedModel(String record, DataFlowConfig config) {
        tools.record = record;
        received.clear();
        ScriptedChatModel model = ScriptedChatModel.script().modelName("gpt-4o")
                .turn(r -> AiMessage.from(ScriptedChatModel.call("get_customer", Map.of("id", 3))))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("done");
                }).build();
        Governor g = Governor.builder().plane(new DataFlowPlane(config, ModelClearances.defaults())).build();
        GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(model).modelName("gpt-4o").tools(tools)
                .governor(g).build().runBlocking("Show me customer 3", ALICE);
        assertThat(received.get(0).messages().toString()).doesNotContain(OWN_SSN).doesNotContain("536228741")
                .doesNotContain("412567890");
        return ModelSinkScenarioTest.lastToolText(received.get(0));
    }

    @Test
    void a_keyword_in_a_withheld_field_and_the_number_outside_withhold_the_whole_record() {
        DataFlowConfig config = DataFlowConfig.builder()
                .fieldLabels("remark", Labels.of(Confidentiality.INTERNAL)).build();
        String text = toolTextSeenByHostedModel("{\"ssn\":\"" + OWN_SSN + "\",\"city\":\"Leeds, by the river and the old"
                + " mill\",\"remark\":\"see SSN\",\"ref\":\"536228741\"}", config);

        assertThat(text).startsWith("[withheld: RESTRICTED");
    }

    @Test
    void a_keyword_outside_and_the_number_in_a_kept_field_withhold_that_field() {
        DataFlowConfig config = DataFlowConfig.builder()
                .fieldLabels("memo", Labels.of(Confidentiality.INTERNAL)).build();
        String text = toolTextSeenByHostedModel("{\"ssn\":\"" + OWN_SSN + "\",\"city\":\"Leeds, by the river and the old"
                + " mill\",\"label\":\"SSN of partner\",\"memo\":\"536228741\"}", config);

        // the memo (INTERNAL, within the model's clearance) holds the number: it is withheld as a field now
        assertThat(text).contains("\"memo\":\"[withheld: RESTRICTED").contains("SSN of partner").contains("Leeds");
    }

    @Test
    void an_undashed_ssn_in_its_own_field_found_by_the_key_beside_it_keeps_the_split() {
        String text = toolTextSeenByHostedModel("{\"ssn\":\"412567890\",\"city\":\"Leeds\"}",
                DataFlowConfig.builder().build());

        assertThat(text).contains("\"ssn\":\"[withheld: RESTRICTED").contains("Leeds");
    }
}
