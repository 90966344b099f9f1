package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.core.tools.FieldRedaction;
import dev.warden.core.tools.FieldSplit;
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
        return describe(messages, labels, Map.of());
    }

    /** As {@link #describe(List, List)}, each tool result with its field split when the run kept one. */
    static List<ModelInputs.Part> describe(List<ChatMessage> messages, List<Labels> labels,
            Map<ChatMessage, FieldSplit> splits) {
        List<ModelInputs.Part> parts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof SystemMessage) {
                continue;
            }
            Labels l = labels.get(i);
            String role = m instanceof ToolExecutionResultMessage ? "tool" : m instanceof AiMessage ? "ai" : "user";
            String source = m instanceof ToolExecutionResultMessage t ? t.toolName() : null;
            FieldSplit split = l == null ? null : splits.get(m);
            parts.add(split == null ? new ModelInputs.Part(id(i), role, source, l, l != null)
                    : new ModelInputs.Part(id(i), role, source, l, true, split.fields(), split.residual()));
        }
        return parts;
    }

    /**
     * Decides the parts the planes withheld field by field (decision 0069): each whose tool-result JSON could be
     * redacted becomes its redacted text; the others stay in {@code withheld} (whole). Returns index → redacted text.
     */
    static Map<Integer, String> redact(List<ChatMessage> messages, Map<ChatMessage, FieldSplit> splits,
            Map<String, String> withheld, Map<String, Map<String, String>> fields) {
        Map<Integer, String> out = new java.util.HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Map<String, String> f = fields.get(id(i));
            if (f != null && withheld.containsKey(id(i)) && splits.containsKey(messages.get(i))
                    && messages.get(i) instanceof ToolExecutionResultMessage t) {
                String redacted = FieldRedaction.redact(t.text(), f);
                if (redacted != null) {
                    out.put(i, redacted);
                }
            }
        }
        return out;
    }

    /**
     * The labels a redacted part carries: its residual joined with the fields that were not withheld, or
     * {@code null} when the run kept no split for it (it must then be withheld whole).
     */
    static Labels redactedLabels(ChatMessage m, Map<ChatMessage, FieldSplit> splits, Map<String, String> fields) {
        FieldSplit split = splits.get(m);
        if (split == null) {
            return null;
        }
        Labels out = split.residual();
        for (Map.Entry<String, Labels> e : split.fields().entrySet()) {
            if (!fields.containsKey(e.getKey())) {
                out = out.join(e.getValue());
            }
        }
        return out;
    }

    /** The messages to send: each redacted part as redacted, each withheld part as its marker, the rest as is. */
    static List<ChatMessage> toSend(List<ChatMessage> messages, Map<String, String> withheld,
            Map<Integer, String> redacted) {
        List<ChatMessage> out = new ArrayList<>(toSend(messages, withheld));
        redacted.forEach((i, text) -> {
            ToolExecutionResultMessage t = (ToolExecutionResultMessage) messages.get(i);
            out.set(i, ToolExecutionResultMessage.from(t.id(), t.toolName(), text));
        });
        return out;
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

    /** As {@link #sent(List, List, Map)}, each redacted part counted with its {@link #redactedLabels}. */
    static Labels sent(List<ChatMessage> messages, List<Labels> labels, Map<String, String> withheld,
            Map<Integer, String> redacted, Map<ChatMessage, FieldSplit> splits, Map<String, Map<String, String>> fields) {
        Labels out = sent(messages, labels, withheld);
        for (Integer i : redacted.keySet()) {
            out = out.join(redactedLabels(messages.get(i), splits, fields.get(id(i))));
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
