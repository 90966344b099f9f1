package dev.warden.quarkus.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.Result;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.spi.PolicyPlane;
import io.quarkiverse.langchain4j.RegisterAiService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** An unchanged AI service with a tool, the offline model it runs on, and a plane that fails. */
final class AiServiceFixtures {
    private AiServiceFixtures() {}

    @RegisterAiService(tools = NoteTools.class, chatLanguageModelSupplier = EchoModel.class)
    public interface Summariser {
        String summarise(String text);

        Result<String> summariseWithDetails(String text);
    }

    @ApplicationScoped
    public static class NoteTools {
        @Tool(name = "lookup_note", value = "Reads an internal note")
        @ToolGovernance(effects = Effect.READ, sourceLevel = Confidentiality.CONFIDENTIAL)
        public String lookup(String id) {
            return "note " + id + ": the board meets on Monday";
        }
    }

    /**
     * {@code note <id>} → calls {@code lookup_note}; after a tool result → {@code summary of <result>}; anything else
     * → {@code summary: <text>}. Counts its calls.
     */
    public static class EchoModel implements Supplier<ChatModel> {
        static final ScriptedChatModel MODEL = LastMessageModels.answering("echo", "summary of ", EchoModel::answer);

        @Override
        public ChatModel get() {
            return MODEL;
        }

        private static AiMessage answer(String text) {
            if (text.startsWith("publish ")) {
                // a model inventing a tool the service does not have
                return AiMessage.from(ScriptedChatModel.call("publish", Map.of("text", text.substring(8))));
            }
            if (text.startsWith("note ")) {
                return AiMessage.from(ScriptedChatModel.call("lookup_note", Map.of("id", text.substring(5))));
            }
            return AiMessage.from("summary: " + text);
        }
    }

    /** A plug-in plane that throws on prompts containing "explode". */
    @Singleton
    public static class ExplodingPlane implements PolicyPlane {
        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.MODEL_REQUEST, Checkpoint.AGENT_OUTPUT);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            if (request.content() != null && request.content().contains("explode")) {
                throw new IllegalStateException("plane bug");
            }
            return Decision.allow(name());
        }
    }
}
