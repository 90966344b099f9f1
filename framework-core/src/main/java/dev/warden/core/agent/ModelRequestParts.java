package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model as a sink, on the loop's side: describes each message of a run's conversation with its labels for
 * {@code MODEL_REQUEST} ({@link ModelInputs}), and builds the messages actually sent once the planes decided which
 * parts to withhold. Part ids are {@code m<index>} in the run's message list; the system message is not a part.
 */
final class ModelRequestParts {
    private ModelRequestParts() {}

    static String id(int index) {
        return "m" + index;
    }

    static List<ModelInputs.Part> describe(List<ChatMessage> messages, List<Labels> labels) {
        List<ModelInputs.Part> parts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof SystemMessage) {
                continue;
            }
            Labels l = labels.get(i);
            String role = m instanceof ToolExecutionResultMessage ? "tool" : m instanceof AiMessage ? "ai" : "user";
            String source = m instanceof ToolExecutionResultMessage t ? t.toolName() : null;
            parts.add(new ModelInputs.Part(id(i), role, source, l, l != null));
        }
        return parts;
    }

    /** The messages to send: each withheld part replaced by its marker, everything else as it is. */
    static List<ChatMessage> toSend(List<ChatMessage> messages, Map<String, String> withheld) {
        if (withheld.isEmpty()) {
            return List.copyOf(messages);
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String marker = withheld.get(id(i));
            ChatMessage m = messages.get(i);
            out.add(marker == null || m instanceof SystemMessage ? m : replaced(m, marker));
        }
        return out;
    }

    /**
     * The labels of what is sent: the join of every part not withheld (a part of unknown labels that was not withheld
     * went to a model cleared for anything, so it counts as the top). This is what the model's answer can carry.
     */
    static Labels sent(List<ChatMessage> messages, List<Labels> labels, Map<String, String> withheld) {
        Labels out = Labels.PUBLIC;
        for (int i = 0; i < messages.size(); i++) {
            if (!withheld.containsKey(id(i)) && !(messages.get(i) instanceof SystemMessage)) {
                out = out.join(labels.get(i) == null ? StoredConversation.UNLABELLED : labels.get(i));
            }
        }
        return out;
    }

    private static ChatMessage replaced(ChatMessage m, String marker) {
        if (m instanceof ToolExecutionResultMessage t) {
            return ToolExecutionResultMessage.from(t.id(), t.toolName(), marker);
        }
        if (m instanceof AiMessage ai) {
            if (!ai.hasToolExecutionRequests()) {
                return AiMessage.from(marker);
            }
            // the calls stay (their results follow and providers pair them by id); their arguments do not
            List<ToolExecutionRequest> calls = new ArrayList<>();
            ai.toolExecutionRequests().forEach(c -> calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name())
                    .arguments("{}").build()));
            return new AiMessage(marker, calls);
        }
        return UserMessage.from(marker);
    }
}
