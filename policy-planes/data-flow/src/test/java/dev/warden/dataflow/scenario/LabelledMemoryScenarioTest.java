package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.InMemoryConversationStore;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.agent.StoredConversation;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.dataflow.DataFlowCodes;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import dev.warden.dataflow.ModelClearances;
import dev.warden.spi.ConversationStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Conversation memory keeps labels: "a RESTRICTED HR note read in run 1, published from a clean run 2" is refused,
 * because run 2 loads the conversation and starts at the labels of what it holds.
 */
class LabelledMemoryScenarioTest {
    static final Principal ALICE = Principal.of("alice", "analyst");
    static final AgentIdentity AGENT = AgentIdentity.of("hr-assistant");
    final HrTools hr = new HrTools();
    final InMemoryConversationStore memory = new InMemoryConversationStore();
    final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    final Governor governor = Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder().build(),
            ModelClearances.builder().clearance("local", Labels.UNRESTRICTED).build())).build();

    static GovernanceContext in(Principal user, String conversation) {
        return GovernanceContext.of(user, AGENT).withTask(new TaskContext(null, conversation, null));
    }

    GovernedAgent agent(ScriptedChatModel model, String modelName) {
        return GovernedAgent.builder().identity(AGENT).model(model).modelName(modelName).tools(hr).governor(governor)
                .memory(memory).build();
    }

    RunResult readTheNote(GovernanceContext ctx) {
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("hr_read_note", Map.of("person", "Jane Roe"))
                .reply("Noted.").build();
        return agent(model, "local").runBlocking("What does HR say about Jane Roe?", ctx);
    }

    /** A model that publishes what it remembers (the note was in the conversation it was sent). */
    RunResult publish(GovernanceContext ctx) {
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("publish", Map.of("text", "Team update: " + HrTools.NOTE))
                .reply("Done.").build();
        return agent(model, "local").runBlocking("Publish a short team update", ctx);
    }

    @Test
    void stored_messages_keep_the_labels_of_what_they_hold() {
        assertThat(readTheNote(in(ALICE, "c1")).status()).isEqualTo(RunStatus.COMPLETED);

        StoredConversation stored = memory.load(new ConversationStore.Key(ALICE.tenant(), "alice", AGENT.id(), "c1"))
                .orElseThrow();
        assertThat(stored.messages()).hasSize(4); // question, the call, the note, the answer
        int note = 2;
        assertThat(stored.messages().get(note)).isInstanceOf(ToolExecutionResultMessage.class);
        assertThat(stored.labels().get(note)).isEqualTo(Labels.of(Confidentiality.RESTRICTED, "PII"));
        assertThat(stored.labels().get(0)).isEqualTo(Labels.PUBLIC); // the user's own question
        // the answer of a model that saw the note
        assertThat(stored.labels().get(3).level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(stored.joined().level()).isEqualTo(Confidentiality.RESTRICTED);
    }

    @Test
    void a_later_run_that_loads_the_memory_starts_at_its_labels_and_cannot_publish_the_note() {
        readTheNote(in(ALICE, "c1"));

        RunResult later = publish(in(ALICE, "c1"));

        assertThat(hr.published).isEmpty();
        assertThat(later.decisions()).filteredOn(d -> "publish".equals(d.tool()) && d.checkpoint().equals("TOOL_CALL"))
                .singleElement().satisfies(d -> assertThat(d.code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE));
        assertThat(later.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);
    }

    @Test
    void a_run_of_another_conversation_or_another_user_starts_clean() {
        readTheNote(in(ALICE, "c1"));

        RunResult fresh = publish(in(ALICE, "c2"));
        RunResult bob = publish(in(Principal.of("bob", "analyst"), "c1"));

        assertThat(fresh.context().labels().level()).isEqualTo(Confidentiality.PUBLIC);
        assertThat(bob.context().labels().level()).isEqualTo(Confidentiality.PUBLIC);
        assertThat(hr.published).hasSize(2); // nothing restricted in those contexts: egress allows them
    }

    @Test
    void a_stored_message_without_labels_is_treated_as_restricted_and_untrusted() {
        memory.save(new ConversationStore.Key(ALICE.tenant(), "alice", AGENT.id(), "legacy"), new StoredConversation(
                List.of(UserMessage.from("earlier question"), AiMessage.from("an answer from before labels")), null));
        ScriptedChatModel hosted = ScriptedChatModel.script().turn(r -> {
            received.add(r);
            return AiMessage.from("ok");
        }).build();

        RunResult r = agent(hosted, "gpt-4o").runBlocking("Go on", in(ALICE, "legacy"));

        assertThat(r.context().labels()).isEqualTo(StoredConversation.UNLABELLED);
        assertThat(received).singleElement().satisfies(req -> assertThat(req.messages().toString())
                .doesNotContain("an answer from before labels").contains("[withheld: RESTRICTED/UNLABELLED]"));
    }
}
