package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
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
 * A tool result with no declared labels whose sensitive value is written with JSON escapes: a hosted model would read
 * the decoded value, so it is withheld exactly as the clear one is (session 13, S13-1). Before the fix the detectors
 * read only the raw text, found nothing, and the escaped SSN / card number reached the hosted model.
 */
class EscapedValuesScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");

    /** A notes lookup: nothing declared, the detectors decide. */
    public static class Notes {
        volatile String record;

        @Tool(name = "get_notes", value = "Notes on a customer")
        @ToolGovernance(effects = Effect.READ)
        public String get(@P("id") int id) {
            return record;
        }
    }

    final Notes tools = new Notes();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();

    String toolTextSeenByHostedModel(String record) {
        tools.record = record;
        received.clear();
        ScriptedChatModel model = ScriptedChatModel.script().modelName("gpt-4o")
                .turn(r -> AiMessage.from(ScriptedChatModel.call("get_notes", Map.of("id", 3))))
                .turn(r -> {
                    received.add(r);
                    return AiMessage.from("done");
                }).build();
        Governor g = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(),
                ModelClearances.defaults())).build();
        GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(model).modelName("gpt-4o").tools(tools)
                .governor(g).build().runBlocking("Notes on customer 3", ALICE);
        return ModelSinkScenarioTest.lastToolText(received.get(0));
    }

    @Test
    void an_ssn_with_escaped_hyphens_is_withheld_as_the_clear_one_is() {
        String clear = toolTextSeenByHostedModel("{\"id\":3,\"notes\":\"536-22-8741\"}");
        assertThat(clear).startsWith("[withheld: RESTRICTED");

        assertThat(toolTextSeenByHostedModel("{\"id\":3,\"notes\":\"536\\u002d22\\u002d8741\"}")).isEqualTo(clear);
    }

    @Test
    void an_escaped_card_number_is_withheld_as_the_clear_one_is() {
        String clear = toolTextSeenByHostedModel("{\"id\":3,\"card\":\"4111111111111111\"}");
        assertThat(clear).startsWith("[withheld: RESTRICTED");

        assertThat(toolTextSeenByHostedModel("{\"id\":3,\"card\":\"\\u0034\\u0031\\u0031\\u0031111111111111\"}"))
                .isEqualTo(clear);
    }

    @Test
    void a_result_without_escapes_or_findings_still_reaches_the_model() {
        assertThat(toolTextSeenByHostedModel("{\"id\":3,\"notes\":\"call back on Monday\\n\"}"))
                .isEqualTo("{\"id\":3,\"notes\":\"call back on Monday\\n\"}");
    }
}
