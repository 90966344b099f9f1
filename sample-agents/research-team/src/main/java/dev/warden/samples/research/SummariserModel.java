package dev.warden.samples.research;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import io.quarkus.arc.Arc;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The summariser's model, following {@code warden.model} like the rest of the team: offline, a scripted model that
 * keeps the first sentence of the notes; {@code provider}, the configured OpenAI-compatible model.
 */
@ApplicationScoped
public class SummariserModel implements Supplier<ChatModel> {
    static final ScriptedChatModel SCRIPTED = ScriptedChatModel.script().modelName("scripted-summariser")
            .turn(request -> AiMessage.from("Summary: " + firstSentence(request.messages()))).build();

    @ConfigProperty(name = "warden.model", defaultValue = "scripted")
    String model;

    @Override
    public ChatModel get() {
        return "scripted".equals(model) ? SCRIPTED
                : Arc.container().select(ChatModel.class, Identifier.Literal.of(model)).get();
    }

    static String firstSentence(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
                String text = u.singleText().strip();
                int end = text.indexOf(". ");
                return end < 0 ? text : text.substring(0, end + 1);
            }
        }
        return "";
    }
}
