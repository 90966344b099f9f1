package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
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
import dev.warden.spi.PolicyPlane;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Field-level withholding cannot be fooled by where a value sits (decision 0069): a finding outside the withheld
 * field keeps the whole result from a hosted model, whether it is a second tax id in a {@code notes} field, nested,
 * JSON-escaped or the withheld value itself in another shape; labels a plane raises without saying where count for the
 * whole result; and a field labelled by {@code warden.data-flow.field-labels} (the research team's
 * {@code personal_data}) is withheld alone. Assertions are on the requests the model received.
 */
class FieldWithholdingSoundnessScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    static final String OTHER_TAX_ID = "536-22-8741";
    static final String MARKER = "[withheld: RESTRICTED/PII]";

    /** A customer record: CONFIDENTIAL/PII as a whole, its {@code tax_id} declared RESTRICTED/PII. */
    public static class Customers {
        volatile String record;

        @Tool(name = "get_customer", value = "One customer record")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL, sourceCategories = "PII")
        public String get(@P("id") int id) {
            ResultLabels.declareFields(Map.of("tax_id", Labels.of(Confidentiality.RESTRICTED, "PII")));
            return record;
        }
    }

    /** Findings as the research team's researcher returns them: no declared labels at all. */
    public static class Sources {
        @Tool(name = "search_sources", value = "Sources on a topic")
        @ToolGovernance(effects = Effect.READ)
        public String search(@P("topic") String topic) {
            return "[{\"title\":\"Atlas budget\",\"summary\":\"Phase two funded\"},"
                    + "{\"title\":\"Atlas staffing\",\"summary\":\"Two leads\","
                    + "\"personal_data\":\"Jane Roe, on medical leave until March\"}]";
        }
    }

    /** A plane that raises every tool result to RESTRICTED/PII without saying where it found anything. */
    static final class UnplacedPlane implements PolicyPlane {
        public String name() {
            return "unplaced";
        }

        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_RESULT);
        }

        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return new Decision.Transform(null, null, Labels.of(Confidentiality.RESTRICTED, "PII"), "found something",
                    Basis.of(name()));
        }
    }

    final Customers customers = new Customers();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    RunResult run(Object tools, String tool, Map<String, Object> args, DataFlowConfig config, PolicyPlane... more) {
        ScriptedChatModel model = ScriptedChatModel.script().modelName("gpt-4o")
                .turn(r -> AiMessage.from(ScriptedChatModel.call(tool, args)))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("done");
                }).build();
        Governor.Builder g = Governor.builder().plane(new DataFlowPlane(config, ModelClearances.defaults()));
        for (PolicyPlane p : more) {
            g.plane(p);
        }
        return GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(model).modelName("gpt-4o")
                .tools(tools).governor(g.build()).build().runBlocking("Show me customer 3", ALICE);
    }

    RunResult customer(String record, PolicyPlane... more) {
        customers.record = record;
        return run(customers, "get_customer", Map.of("id", 3), DataFlowConfig.builder().build(), more);
    }

    String toolText() {
        return ModelSinkScenarioTest.lastToolText(received.get(0));
    }

    String everything() {
        return received.get(0).messages().toString();
    }

    @Test
    void a_tax_id_typed_into_notes_next_to_the_tax_id_field_withholds_the_whole_record() {
        RunResult r = customer("{\"name\":\"Ada Moss\",\"notes\":\"her tax id is " + OTHER_TAX_ID
                + "\",\"tax_id\":\"078-05-1120\"}");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(toolText()).isEqualTo(MARKER);
        assertThat(everything()).doesNotContain(OTHER_TAX_ID).doesNotContain("078-05-1120");
    }

    @Test
    void a_tax_id_nested_deep_outside_the_field_withholds_the_whole_record() {
        customer("{\"name\":\"Ada Moss\",\"profile\":{\"history\":[\"joined 2019\",{\"remark\":\"SSN "
                + OTHER_TAX_ID + "\"}]},\"tax_id\":\"078-05-1120\"}");

        assertThat(toolText()).isEqualTo(MARKER);
        assertThat(everything()).doesNotContain(OTHER_TAX_ID);
    }

    @Test
    void a_json_escaped_tax_id_outside_the_field_withholds_the_whole_record() {
        // the raw text holds 536\u002d22\u002d8741; redacted and re-serialised it would read 536-22-8741
        customer("{\"name\":\"Ada Moss\",\"notes\":\"tax id 536\\u002d22\\u002d8741\",\"tax_id\":\"078-05-1120\"}");

        assertThat(toolText()).isEqualTo(MARKER);
        assertThat(everything()).doesNotContain(OTHER_TAX_ID).doesNotContain("8741");
    }

    @Test
    void the_withheld_value_in_another_shape_elsewhere_withholds_the_whole_record() {
        for (String elsewhere : List.of("\"notes\":\"5362 28741\"", "\"parts\":[\"536-22\",\"8741\"]",
                "\"notes\":\"\uFF15\uFF13\uFF16-22-8741\"")) {
            received.clear();
            customer("{\"name\":\"Ada Moss\"," + elsewhere + ",\"tax_id\":\"" + OTHER_TAX_ID + "\"}");

            assertThat(toolText()).as(elsewhere).isEqualTo(MARKER);
            assertThat(everything()).as(elsewhere).doesNotContain("8741").doesNotContain("Ada Moss");
        }
    }

    @Test
    void labels_a_plane_raises_without_saying_where_count_for_the_whole_record() {
        customer("{\"name\":\"Ada Moss\",\"city\":\"Leeds\",\"tax_id\":\"078-05-1120\"}", new UnplacedPlane());

        assertThat(toolText()).isEqualTo(MARKER);
        assertThat(everything()).doesNotContain("Leeds");
    }

    @Test
    void a_clean_record_still_reaches_the_model_with_only_its_tax_id_withheld() {
        customer("{\"name\":\"Ada Moss\",\"city\":\"Leeds\",\"notes\":\"prefers e-mail\",\"tax_id\":\""
                + OTHER_TAX_ID + "\"}");

        assertThat(toolText()).contains("\"city\":\"Leeds\"", "\"notes\":\"prefers e-mail\"",
                "\"tax_id\":\"" + MARKER + "\"");
        assertThat(everything()).doesNotContain(OTHER_TAX_ID).doesNotContain("8741");
    }

    @Test
    void a_field_labelled_by_the_planes_configuration_is_withheld_alone() {
        DataFlowConfig config = DataFlowConfig.builder()
                .fieldLabels("personal_data", Labels.of(Confidentiality.RESTRICTED, "PII")).build();
        RunResult r = run(new Sources(), "search_sources", Map.of("topic", "project atlas"), config);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(toolText()).contains("Atlas budget", "Phase two funded", "Atlas staffing", "Two leads",
                "\"personal_data\":\"" + MARKER + "\"");
        assertThat(everything()).doesNotContain("Jane Roe").doesNotContain("medical leave");
    }
}
