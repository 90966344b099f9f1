package dev.warden.quarkus.runtime;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.literal.NamedLiteral;

/**
 * The streaming variant of an agent's model: a {@link StreamingChatModel} bean with the same name as its
 * {@link ChatModel} ({@code @Identifier} or {@code @Named}; the unqualified bean for {@code default}), or the chat
 * model itself when it also streams. None: the agent's streaming runs release the blocking answer through the
 * hold-back window instead (decision 0035).
 */
final class StreamingModels {
    private StreamingModels() {}

    static StreamingChatModel named(String name, ChatModel model) {
        if (model instanceof StreamingChatModel s) {
            return s;
        }
        try {
            InstanceHandle<StreamingChatModel> h = "default".equals(name)
                    ? Arc.container().instance(StreamingChatModel.class)
                    : Arc.container().instance(StreamingChatModel.class, Identifier.Literal.of(name));
            if (!h.isAvailable() && !"default".equals(name)) {
                h = Arc.container().instance(StreamingChatModel.class, NamedLiteral.of(name));
            }
            return h.isAvailable() ? h.get() : null;
        } catch (RuntimeException e) { // ambiguous or unsatisfiable: no streaming variant
            return null;
        }
    }
}
