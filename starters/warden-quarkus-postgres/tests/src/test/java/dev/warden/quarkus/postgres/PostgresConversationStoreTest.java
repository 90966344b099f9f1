package dev.warden.quarkus.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.agent.StoredConversation;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.spi.ConversationStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Conversation memory on a real PostgreSQL (the harness cluster): a restart is a new pool and store on the same
 * database; labels survive per message, keys are tenant/user scoped, and a store that cannot be read refuses the run.
 */
class PostgresConversationStoreTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Labels RESTRICTED_PII = Labels.of(Confidentiality.RESTRICTED, "PII");
    static final ConversationStore.Key ALICE = new ConversationStore.Key("acme", "alice", "assistant", "c-1");
    final PostgresFixture db = new PostgresFixture();

    /** A tool whose results are RESTRICTED/PII; counts its calls. */
    public static final class HrFiles {
        final AtomicInteger calls = new AtomicInteger();

        @Tool(name = "read_hr_note", value = "Reads the HR note about a person")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.RESTRICTED, sourceCategories = "PII")
        public String readHrNote(@P("who") String who) {
            calls.incrementAndGet();
            return who + " is on medical leave until March";
        }
    }

    final HrFiles hr = new HrFiles();

    PostgresConversationStore store() {
        return new PostgresConversationStore(db.newPool(2), db.schema, TIMEOUT, 200);
    }

    GovernedAgent agent(ConversationStore memory) {
        return GovernedAgent.builder().id("assistant")
                .model(ScriptedChatModel.rules()
                        .whenUser("note about (\\w+)", m -> List.of(ScriptedChatModel.call("read_hr_note",
                                Map.of("who", m.group(1)))))
                        .otherwise("hello again").build())
                .tools(hr).governor(Governor.builder().build()).memory(memory).build();
    }

    static GovernanceContext in(String tenant, String user, String conversation) {
        return GovernanceContext.of(new Principal(user, tenant, java.util.Set.of("analyst"), Map.of()),
                AgentIdentity.of("assistant")).withTask(new TaskContext(null, conversation, null));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void a_conversation_survives_a_restart_with_every_message_labelled() {
        StoredConversation c = new StoredConversation(List.of(UserMessage.from("note about Jane"),
                AiMessage.from("Jane is on leave")), List.of(Labels.PUBLIC, RESTRICTED_PII));
        store().save(ALICE, c);

        StoredConversation loaded = store().load(ALICE).orElseThrow(); // another pool: a restarted process
        assertThat(loaded.messages()).isEqualTo(c.messages());
        assertThat(loaded.labels()).containsExactly(Labels.PUBLIC, RESTRICTED_PII);
        assertThat(loaded.joined()).isEqualTo(RESTRICTED_PII);
    }

    @Test
    void a_later_run_after_a_restart_starts_at_the_labels_of_what_its_memory_holds() {
        RunResult first = agent(store()).runBlocking("note about Jane", in("acme", "alice", "c-1"));
        assertThat(first.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);

        RunResult later = agent(store()).runBlocking("hi", in("acme", "alice", "c-1"));
        assertThat(later.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(later.context().labels().level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(later.context().labels().categories()).contains("PII");
        RunResult fresh = agent(store()).runBlocking("hi", in("acme", "alice", "c-2"));
        assertThat(fresh.context().labels().level()).as("another conversation starts clean")
                .isEqualTo(Confidentiality.PUBLIC);
    }

    @Test
    void another_user_or_tenant_cannot_load_the_conversation() {
        agent(store()).runBlocking("note about Jane", in("acme", "alice", "c-1"));

        PostgresConversationStore other = store();
        assertThat(other.load(new ConversationStore.Key("acme", "bob", "assistant", "c-1"))).isEmpty();
        assertThat(other.load(new ConversationStore.Key("globex", "alice", "assistant", "c-1"))).isEmpty();
        assertThat(other.load(new ConversationStore.Key("acme", "alice", "other-agent", "c-1"))).isEmpty();
        RunResult bob = agent(other).runBlocking("hi", in("acme", "bob", "c-1"));
        assertThat(bob.context().labels().level()).isEqualTo(Confidentiality.PUBLIC);
        // bob's run saved his own conversation under his key; alice's is untouched
        assertThat(other.load(ALICE).orElseThrow().messages()).hasSize(4);
    }

    @Test
    void a_run_whose_memory_cannot_be_read_is_refused_and_calls_no_tool() {
        var pool = db.newPool(1);
        PostgresConversationStore broken = new PostgresConversationStore(pool, db.schema, TIMEOUT, 200);
        pool.close().toCompletionStage().toCompletableFuture().join();
        assertThatThrownBy(() -> broken.load(ALICE)).hasMessageContaining(
                PostgresStoreCodes.CONVERSATION_READ_FAILED);

        RunResult r = agent(broken).runBlocking("note about Jane", in("acme", "alice", "c-1"));
        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.MEMORY_UNAVAILABLE);
        assertThat(hr.calls).hasValue(0);
    }

    @Test
    void a_stored_message_whose_labels_were_lost_loads_as_restricted_untrusted() {
        store().save(ALICE, new StoredConversation(List.of(UserMessage.from("hi"), AiMessage.from("hello")),
                List.of(Labels.PUBLIC, Labels.PUBLIC)));
        db.sql("UPDATE warden_conversation_message SET labels = NULL WHERE seq = 1");

        StoredConversation loaded = store().load(ALICE).orElseThrow();
        assertThat(loaded.labels().get(1)).isEqualTo(StoredConversation.UNLABELLED);
        assertThat(loaded.joined().integrity()).isEqualTo(Integrity.UNTRUSTED);
    }

    @Test
    void an_unreadable_stored_message_refuses_the_load() {
        store().save(ALICE, new StoredConversation(List.of(UserMessage.from("hi")), List.of(Labels.PUBLIC)));
        db.sql("UPDATE warden_conversation_message SET message = '{\"type\":\"NOPE\"}'::jsonb");

        assertThatThrownBy(() -> store().load(ALICE)).hasMessageContaining(
                PostgresStoreCodes.CONVERSATION_READ_FAILED);
    }
}
