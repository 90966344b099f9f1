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
 * Field-level withholding (decision 0069) together with the decoded scan (S13-1): an identifier that a model would
 * read once its escapes are decoded, sitting outside the withheld field, keeps the whole result from a hosted model
 * (review13 H1). Before the fix the plane placed its findings by scanning the fields and the rest raw only, credited
 * the decoded SSN to the {@code ssn} field and the model was sent the notes with the other person's SSN.
 */
class EscapedValueBesideWithheldFieldScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");

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
        assertThat(received.get(0).messages().toString()).doesNotContain("078-05-1120").doesNotContain("8741")
                .doesNotContain("536228741");
        return ModelSinkScenarioTest.lastToolText(received.get(0));
    }

    @Test
    void a_double_escaped_ssn_in_notes_beside_the_ssn_field_withholds_the_whole_record() {
        String text = toolTextSeenByHostedModel(
                "{\"ssn\":\"078-05-1120\",\"notes\":\"partner: 536\\\\u002d22\\\\u002d8741\"}",
                DataFlowConfig.builder().build());

        assertThat(text).startsWith("[withheld: RESTRICTED").doesNotContain("partner");
    }

    @Test
    void a_double_escaped_ssn_in_a_field_labelled_below_the_clearance_withholds_that_field_too() {
        DataFlowConfig config = DataFlowConfig.builder()
                .fieldLabels("memo", Labels.of(Confidentiality.INTERNAL)).build();
        String text = toolTextSeenByHostedModel(
                "{\"ssn\":\"078-05-1120\",\"memo\":\"partner: 536\\\\u002d22\\\\u002d8741\"}", config);

        // the memo's own labels now hold the decoded SSN: it is withheld as a field, not sent as INTERNAL
        assertThat(text).doesNotContain("partner").contains("\"memo\":\"[withheld: RESTRICTED");
    }

    @Test
    void a_finding_only_the_whole_text_makes_is_not_excused_by_a_declared_field() {
        // "SSN" inside the withheld remark makes the undashed number outside it an SSN; neither part alone holds one
        // (review13 L2): the plane has no place for it, so the declared ssn field's labels cannot account for it
        DataFlowConfig config = DataFlowConfig.builder()
                .fieldLabels("remark", Labels.of(Confidentiality.INTERNAL)).build();
        tools.record = "{\"ssn\":\"on file\",\"city\":\"Leeds, by the river and the old mill\","
                + "\"remark\":\"see SSN\",\"ref\":\"536228741\"}";
        String text = toolTextSeenByHostedModel(tools.record, config);

        assertThat(text).startsWith("[withheld: RESTRICTED").doesNotContain("536228741");
    }

    @Test
    void a_clean_record_still_reaches_the_model_with_only_its_ssn_withheld() {
        String text = toolTextSeenByHostedModel(
                "{\"ssn\":\"078-05-1120\",\"notes\":\"call back on Monday\\\\n\"}", DataFlowConfig.builder().build());

        assertThat(text).contains("\"notes\":\"call back on Monday").contains("\"ssn\":\"[withheld: RESTRICTED");
    }
}
