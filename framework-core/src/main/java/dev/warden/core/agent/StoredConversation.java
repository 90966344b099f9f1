package dev.warden.core.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A conversation kept across runs: its messages (no system message — that is the agent's configuration) and the
 * labels of each, in the same order. A run that loads it starts at the join of those labels, and each message keeps
 * its own labels when it is sent to a model again, so content a RESTRICTED tool result brought into run 1 is still
 * RESTRICTED in run 2 — for egress and for models not cleared for it.
 *
 * @param messages the conversation, oldest first
 * @param labels one entry per message; {@code null} entries (messages stored without labels) are
 *     {@link #UNLABELLED}
 */
public record StoredConversation(List<ChatMessage> messages, List<Labels> labels) {
    /** The labels assumed for a stored message whose labels are unknown: fail closed, the most restrictive. */
    public static final Labels UNLABELLED = new Labels(Confidentiality.RESTRICTED, new TreeSet<>(Set.of("UNLABELLED")),
            Integrity.UNTRUSTED);

    public StoredConversation {
        messages = List.copyOf(messages);
        List<Labels> aligned = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Labels l = labels == null || i >= labels.size() ? null : labels.get(i);
            aligned.add(l == null ? UNLABELLED : l);
        }
        labels = Collections.unmodifiableList(aligned);
    }

    /**
     * This conversation with at most {@code maxMessages} messages: the oldest turns are dropped whole — it is cut at a
     * user message, so no tool result is kept without the model turn that asked for it — and every kept message keeps
     * its labels.
     */
    public StoredConversation trimmedTo(int maxMessages) {
        if (messages.size() <= maxMessages) {
            return this;
        }
        int from = messages.size() - maxMessages;
        while (from < messages.size() && !(messages.get(from) instanceof dev.langchain4j.data.message.UserMessage)) {
            from++;
        }
        return new StoredConversation(messages.subList(from, messages.size()), labels.subList(from, labels.size()));
    }

    /** The join of every message's labels: where a run that loads this conversation starts. */
    public Labels joined() {
        Labels out = Labels.PUBLIC;
        for (Labels l : labels) {
            out = out.join(l);
        }
        return out;
    }
}
