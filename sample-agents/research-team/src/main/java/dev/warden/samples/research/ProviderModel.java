package dev.warden.samples.research;

import dev.langchain4j.model.chat.ChatModel;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The chat model Quarkus LangChain4j configures from {@code quarkus.langchain4j.openai.*} (any OpenAI-compatible
 * server), offered to Warden as {@code warden.model=provider}. The injection point is also what tells Quarkus
 * LangChain4j at build time that the model is needed; the client is created on first use, so the offline default
 * ({@code scripted}) never needs a key.
 */
public class ProviderModel {
    @Produces
    @Singleton
    @Identifier("provider")
    ChatModel provider(@Default ChatModel configured) {
        return configured;
    }

    /** Its streaming client (same server and model), for streamed runs ({@code Accept: text/event-stream}). */
    @Produces
    @Singleton
    @Identifier("provider")
    dev.langchain4j.model.chat.StreamingChatModel streaming(
            @Default dev.langchain4j.model.chat.StreamingChatModel configured) {
        return configured;
    }
}
