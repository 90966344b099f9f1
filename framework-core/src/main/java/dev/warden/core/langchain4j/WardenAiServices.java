package dev.warden.core.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import java.util.function.Supplier;

/**
 * Builds a LangChain4j {@code AiServices} agent that runs governed: its model is a {@link GovernedChatModel} and its
 * only tools come from a {@link GovernedToolProvider}.
 *
 * <pre>{@code
 * GovernanceSession session = new GovernanceSession(governor, ToolRegistry.of(new CrmTools()), context);
 * Assistant assistant = WardenAiServices.create(Assistant.class, chatModel, () -> session);
 * String answer = assistant.chat("Summarise account 42");
 * }</pre>
 *
 * The session supplier is consulted on every call, so it may return a per-request session (CDI request scope, a
 * thread-bound value); the proxy itself is shareable.
 */
public final class WardenAiServices {
    private WardenAiServices() {}

    /** As {@link #create(Class, ChatModel, Supplier, int)} with the default answer bound (1 MiB characters). */
    public static <T> T create(Class<T> service, ChatModel model, Supplier<GovernanceSession> session) {
        return create(service, model, session, ModelAnswerSize.DEFAULT_MAX_CHARS);
    }

    /**
     * A governed AI service whose model answers are refused ({@code WARDEN-CORE-0146}) past {@code maxAnswerChars}
     * characters, before any plane scans them (the bound runs use: {@code warden.limits.max-model-answer-chars}).
     */
    public static <T> T create(Class<T> service, ChatModel model, Supplier<GovernanceSession> session,
            int maxAnswerChars) {
        return AiServices.builder(service)
                .chatModel(new GovernedChatModel(model, session, maxAnswerChars))
                .toolProvider(new GovernedToolProvider(session))
                .build();
    }
}
