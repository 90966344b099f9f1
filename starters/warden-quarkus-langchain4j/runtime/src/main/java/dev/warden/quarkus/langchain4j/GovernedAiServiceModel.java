package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The chat model of one AI service, put through {@code MODEL_REQUEST} before and {@code MODEL_RESPONSE} after every
 * call, with the requests built as the governed agent loop builds them: the user's input as content of the first
 * step only, the context labels, the provider as target; at the response the model's text, the requested tools and
 * the model name. A block throws {@link dev.warden.core.PolicyDeniedException} (the model is not called when the
 * request is refused); a transform replaces the user message (first step) or the response text.
 *
 * <p>Used only inside an invocation of its own service on the invoking thread (see {@link AiServiceInvocations});
 * called anywhere else it refuses ({@link AiServiceCodes#MODEL_CALL_OUTSIDE_INVOCATION}) rather than judge a call
 * whose user and earlier labels it cannot know. Thread-safe.
 */
final class GovernedAiServiceModel implements ChatModel {
    private final ChatModel delegate;
    private final String service;
    private final Governor governor;
    private final AiServiceInvocations invocations;
    private final AiServiceSessions sessions;
    private final AiServiceMemoryLabels memory;
    private final int maxInputChars;
    private final int maxAnswerChars;

    GovernedAiServiceModel(ChatModel delegate, String service, Governor governor, AiServiceInvocations invocations,
            AiServiceSessions sessions, AiServiceMemoryLabels memory, int maxInputChars, int maxAnswerChars) {
        this.memory = memory;
        this.maxInputChars = maxInputChars;
        this.maxAnswerChars = maxAnswerChars;
        this.delegate = delegate;
        this.service = service;
        this.governor = governor;
        this.invocations = invocations;
        this.sessions = sessions;
    }

    ChatModel delegate() {
        return delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return governed(request, null);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return governed(request, options);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return governed(request, null);
    }

    private ChatResponse governed(ChatRequest request, ChatRequestOptions options) {
        AiServiceInvocations.Frame frame = invocations.current();
        if (frame == null || !frame.service.equals(service)) {
            throw outsideInvocation(governor, sessions, service, providerName(delegate::provider));
        }
        AiServiceSessions.Session s = frame.session();
        AiServiceModelTurns.Turn turn = AiServiceModelTurns.requested(governor, memory, maxInputChars,
                providerName(delegate::provider), s, request, modelName(request));
        ChatRequest sent = turn.request();
        ChatResponse response = options == null ? delegate.chat(sent) : delegate.chat(sent, options);
        AiMessage ai = response.aiMessage();
        Verdict out = AiServiceModelTurns.responded(governor, s, turn, response, maxAnswerChars);
        frame.governedResponse();
        String text = out.effectiveRequest().content();
        if (out.outcome() != Outcome.TRANSFORM || text == null || text.equals(ai.text())) {
            memory.save(s.context(), sent.messages(), turn.own(), ai);
            return response;
        }
        AiMessage effective = ai.hasToolExecutionRequests() ? new AiMessage(text, ai.toolExecutionRequests())
                : AiMessage.from(text);
        memory.save(s.context(), sent.messages(), turn.own(), effective);
        return response.toBuilder().aiMessage(effective).build();
    }

    /** Refuses (and audits) a model call made outside an invocation of its service. */
    static RuntimeException outsideInvocation(Governor governor, AiServiceSessions sessions, String service,
            String provider) {
        InvocationContext anonymous = InvocationContext.builder().invocationId(UUID.randomUUID())
                .interfaceName(service).build();
        GovernanceContext ctx = sessions.session(anonymous).context();
        sessions.forget(anonymous);
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_REQUEST, 1, null, null, null, null, null,
                provider, null);
        return AiServiceRefusals.deny(governor, req, ctx, "model of AI service '" + AiServiceSessions.agentId(service)
                + "' called outside an invocation of that service", AiServiceCodes.MODEL_CALL_OUTSIDE_INVOCATION);
    }

    private String modelName(ChatRequest request) {
        return modelName(request, defaultRequestParameters());
    }

    /** The model a request names, else the model's default, else {@code unknown}. */
    static String modelName(ChatRequest request, ChatRequestParameters defaults) {
        String name = request.modelName();
        if (name == null) {
            ChatRequestParameters p = defaults;
            name = p == null ? null : p.modelName();
        }
        return name == null ? "unknown" : name;
    }

    /** The lower-case name of the provider a model reports, {@code unknown} when it reports none or fails to. */
    static String providerName(java.util.function.Supplier<ModelProvider> provider) {
        try {
            ModelProvider p = provider.get();
            return p == null ? "unknown" : p.name().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}
