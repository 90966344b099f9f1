package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.agent.InMemoryConversationStore;
import dev.warden.core.agent.StoredConversation;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.spi.ConversationStore;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Labels of an AI service's LangChain4j chat memory ({@code @MemoryId} / {@code ChatMemory}), kept in the same
 * {@link ConversationStore} as the conversations of the governed agent loop ({@code warden.memory.store}; a bounded
 * in-process store when that is {@code none}), keyed by tenant, user, service and memory id. After every governed model
 * call the messages the model was sent and its answer are saved with their labels; the first model call of a later
 * invocation matches the messages its memory brings (those before the invocation's own user message) against them, and
 * the invocation starts at the join of their labels — as a run that loads its conversation does.
 *
 * <p>Fail closed: a message the memory brings that was never saved with labels (another user's memory id, a durable
 * chat-memory store that outlived the labels) is {@link StoredConversation#UNLABELLED}; a store that cannot be read
 * makes {@link #loaded} throw, and the model call is refused. New messages are labelled with the invocation's context
 * label when they are saved (what the model had seen by then: never less than they hold).
 */
@Singleton
public class AiServiceMemoryLabels {
    private static final Logger LOG = Logger.getLogger(AiServiceMemoryLabels.class);
    private final Instance<AgentRegistry> registry;
    private final ConversationStore fallback = new InMemoryConversationStore();

    AiServiceMemoryLabels(Instance<AgentRegistry> registry) {
        this.registry = registry;
    }

    /** The join of the labels of {@code messages[0, own)}: what the invocation's chat memory brought. */
    Labels loaded(GovernanceContext ctx, List<ChatMessage> messages, int own) {
        Labels out = Labels.PUBLIC;
        for (Labels l : labelsOf(ctx, messages, own)) {
            out = out.join(l);
        }
        return out;
    }

    /**
     * Saves what the model was sent and its answer (none yet: {@code null}), each with its labels; a failure is logged
     * (see class doc).
     */
    void save(GovernanceContext ctx, List<ChatMessage> sent, int own, AiMessage answer) {
        ConversationStore.Key key = key(ctx);
        if (key == null) {
            return;
        }
        try {
            List<ChatMessage> messages = new ArrayList<>(sent);
            List<Labels> labels = new ArrayList<>(labelsOf(ctx, sent, own));
            for (int i = own; i < sent.size(); i++) {
                labels.add(sent.get(i) instanceof SystemMessage ? Labels.PUBLIC : ctx.labels());
            }
            if (answer != null) {
                messages.add(answer);
                labels.add(ctx.labels());
            }
            store().save(key, new StoredConversation(messages, labels));
        } catch (RuntimeException e) {
            // the messages then reach the chat memory without labels: the next invocation loads them UNLABELLED
            LOG.warnf("Warden: labels of AI-service chat memory not saved (%s); its messages will load as "
                    + "UNLABELLED", e.getClass().getSimpleName());
        }
    }

    private List<Labels> labelsOf(GovernanceContext ctx, List<ChatMessage> messages, int own) {
        List<Labels> out = new ArrayList<>();
        if (own <= 0) {
            return out;
        }
        ConversationStore.Key key = key(ctx);
        StoredConversation stored = key == null ? null : store().load(key).orElse(null);
        int from = 0;
        for (int i = 0; i < own; i++) {
            ChatMessage m = messages.get(i);
            if (m instanceof SystemMessage) {
                out.add(Labels.PUBLIC); // configuration, not conversation
                continue;
            }
            Labels l = StoredConversation.UNLABELLED;
            if (stored != null) {
                // in order: a memory window drops the oldest messages, never reorders them
                for (int j = from; j < stored.messages().size(); j++) {
                    if (stored.messages().get(j).equals(m)) {
                        l = stored.labels().get(j);
                        from = j + 1;
                        break;
                    }
                }
            }
            out.add(l);
        }
        return out;
    }

    private ConversationStore store() {
        ConversationStore configured = registry.isResolvable() ? registry.get().memory() : null;
        return configured == null ? fallback : configured;
    }

    private static ConversationStore.Key key(GovernanceContext ctx) {
        String conversation = ctx.task().conversationId();
        return conversation == null ? null : new ConversationStore.Key(ctx.tenant(), ctx.user().id(),
                ctx.agent().id(), conversation);
    }
}
