package dev.warden.quarkus.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import dev.warden.model.scripted.ScriptedChatModel;
import io.quarkiverse.langchain4j.ModelName;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** AI-service shapes Warden cannot put through every checkpoint: models picked per call by name, streamed or not. */
final class VariantFixtures {
    private VariantFixtures() {}

    @RegisterAiService(chatLanguageModelSupplier = AiServiceFixtures.EchoModel.class,
            streamingChatLanguageModelSupplier = CountingStreamingModel.class)
    public interface Variants {
        Multi<String> stream(String text);

        TokenStream streamTokens(@ModelName String model, @UserMessage String text);

        String withModel(@ModelName String model, @UserMessage String text);
    }

    /** Never answers; counts how often it is asked. */
    public static class CountingStreamingModel implements Supplier<StreamingChatModel> {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public StreamingChatModel get() {
            return new StreamingChatModel() {
                @Override
                public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                    CALLS.incrementAndGet();
                    handler.onError(new IllegalStateException("not expected to be called"));
                }
            };
        }
    }

    /** A second model only reachable by name, so calls to it bypass the service's configured model. */
    public static class NamedModels {
        static final ScriptedChatModel OTHER = ScriptedChatModel.rules().otherwise("from the other model").build();

        @Produces
        @Singleton
        @Unremovable
        @ModelName("other")
        ChatModel other() {
            return OTHER;
        }
    }
}
