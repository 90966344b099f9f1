package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.warden.model.scripted.ScriptedChatModel;
import java.util.List;
import java.util.function.Function;

/** The test AI services' scripted models: each answers the conversation's last message. */
final class LastMessageModels {
    private LastMessageModels() {}

    /**
     * A model named {@code name} answering a tool result with {@code afterToolResult} followed by the result's text,
     * and a user message with what {@code toUser} makes of its text.
     */
    static ScriptedChatModel answering(String name, String afterToolResult, Function<String, AiMessage> toUser) {
        return ScriptedChatModel.script().modelName(name).turn(request -> {
            List<ChatMessage> messages = request.messages();
            ChatMessage last = messages.get(messages.size() - 1);
            return last instanceof ToolExecutionResultMessage t ? AiMessage.from(afterToolResult + t.text())
                    : toUser.apply(((UserMessage) last).singleText());
        }).build();
    }
}
