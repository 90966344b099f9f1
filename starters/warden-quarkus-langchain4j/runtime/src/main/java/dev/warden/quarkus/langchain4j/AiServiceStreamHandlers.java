package dev.warden.quarkus.langchain4j;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceStreamingResponseHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;

/**
 * Which AI-service invocation a streaming model call belongs to. Quarkus LangChain4j 1.10 calls the streaming model of
 * a {@code Multi} method with its own {@link QuarkusAiServiceStreamingResponseHandler}, which holds the invocation's
 * context in a private field; that is the only per-invocation key the model sees (the call may come from any thread).
 * Resolved eagerly, as {@link AiServiceInputs} is: a Quarkus LangChain4j that renames it fails at startup, and any
 * other handler is treated as a call outside an invocation (refused).
 */
@RegisterForReflection(targets = QuarkusAiServiceStreamingResponseHandler.class, fields = true, methods = false)
final class AiServiceStreamHandlers {
    private static final Field INVOCATION = field();

    private AiServiceStreamHandlers() {}

    /** Forces resolution (called at startup). */
    static void verify() {
        // the static initialiser has run when this returns
    }

    /** The invocation {@code handler} answers, or {@code null} when it is not Quarkus LangChain4j's. */
    static InvocationContext invocation(StreamingChatResponseHandler handler) {
        if (!(handler instanceof QuarkusAiServiceStreamingResponseHandler)) {
            return null;
        }
        try {
            return (InvocationContext) INVOCATION.get(handler);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Field field() {
        try {
            Field f = QuarkusAiServiceStreamingResponseHandler.class.getDeclaredField("invocationContext");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("this Quarkus LangChain4j version's streaming handler has no field "
                    + "'invocationContext': Warden cannot govern its streaming AI services (built for 1.10)", e);
        }
    }
}
