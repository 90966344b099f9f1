package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.MemoryId;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.spi.AuditSink;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 23: an AI service's LangChain4j chat memory keeps the labels of what it holds. A later invocation that loads
 * the memory starts at them (as a run continuing a stored conversation does); a memory id another user filled brings
 * messages this user never saved labels for, which count as RESTRICTED/UNLABELLED.
 */
class AiServiceMemoryLabelsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Assistant.class, HrTools.class, HrModel.class,
                            LastMessageModels.class)
                    .addClasses(StarterClasses.ALL)
                    .addAsResource("dev-keys/test-only-public.pem"))
            .overrideConfigKey("warden.audit.store", "memory")
            // a local model (the scripted model reports no name; its provider is "other"), cleared for RESTRICTED
            // content: the test watches labels, not the model sink
            .overrideConfigKey("warden.models.other.clearance", "RESTRICTED/*")
            .overrideConfigKey("mp.jwt.verify.publickey.location", "dev-keys/test-only-public.pem")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @RegisterAiService(tools = HrTools.class, chatLanguageModelSupplier = HrModel.class)
    public interface Assistant {
        String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String text);
    }

    @ApplicationScoped
    public static class HrTools {
        @Tool(name = "read_hr_note", value = "Reads the HR note about a person")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.RESTRICTED, sourceCategories = "PII")
        public String read(String who) {
            return who + " is on medical leave until March";
        }
    }

    /** {@code hr <who>} → {@code read_hr_note}; a tool result → {@code noted: …}; anything else → {@code ok}. */
    public static class HrModel implements Supplier<ChatModel> {
        static final ScriptedChatModel MODEL = LastMessageModels.answering("hr-echo", "noted: ",
                text -> text.startsWith("hr ") ? AiMessage.from(ScriptedChatModel.call("read_hr_note",
                        Map.of("who", text.substring(3)))) : AiMessage.from("ok"));

        @Override
        public ChatModel get() {
            return MODEL;
        }
    }

    @Inject
    Assistant assistant;
    @Inject
    AuditSink audit;
    @Inject
    CurrentIdentityAssociation identities;

    private void signIn(String user) {
        identities.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user))
                .addRole("analyst").build());
    }

    /** The context label the newest invocation of {@code user} started its first model call at. */
    private String startLevel(String user) {
        List<DecisionRecord> all = audit.query(AuditFilter.all().agent("Assistant").user(user));
        String run = all.get(all.size() - 1).runId();
        return all.stream().filter(r -> r.runId().equals(run) && r.checkpoint().equals("MODEL_REQUEST"))
                .findFirst().orElseThrow().labelsBefore().level();
    }

    @Test
    @ActivateRequestContext
    void a_later_invocation_loading_the_memory_starts_at_the_labels_of_what_it_holds() {
        signIn("alice");
        String conversation = "c-" + UUID.randomUUID();
        assertThat(assistant.chat(conversation, "hr Jane")).contains("medical leave");

        assertThat(assistant.chat(conversation, "thanks")).isEqualTo("ok");
        assertThat(startLevel("alice")).isEqualTo("RESTRICTED");

        assistant.chat("c-" + UUID.randomUUID(), "thanks");
        assertThat(startLevel("alice")).as("a fresh memory starts clean").isEqualTo("PUBLIC");
    }

    @Test
    @ActivateRequestContext
    void a_memory_filled_by_another_user_counts_as_unlabelled_not_as_clean() {
        String conversation = "c-" + UUID.randomUUID();
        signIn("carol");
        assistant.chat(conversation, "thanks");
        signIn("dave");
        // LangChain4j keys chat memory by memory id alone: dave's invocation is sent carol's messages
        try {
            assistant.chat(conversation, "thanks");
        } catch (dev.warden.core.PolicyDeniedException refused) {
            // refusing the step is as good: what matters is that it was not judged as clean
        }

        List<DecisionRecord> dave = audit.query(AuditFilter.all().agent("Assistant").user("dave"));
        DecisionRecord first = dave.stream().filter(r -> r.checkpoint().equals("MODEL_REQUEST")).findFirst()
                .orElseThrow();
        assertThat(first.labelsBefore().level()).isEqualTo("RESTRICTED");
        assertThat(first.labelsBefore().categories()).contains("UNLABELLED");
    }
}
