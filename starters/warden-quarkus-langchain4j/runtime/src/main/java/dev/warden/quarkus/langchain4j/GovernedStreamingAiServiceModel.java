package dev.warden.quarkus.langchain4j;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Governor;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.PlaneScreens;
import dev.warden.core.streaming.TextScreens;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * The streaming model of one AI service ({@code Multi<String>} methods, decision 0041): every call passes
 * {@code MODEL_REQUEST} before the provider is called, built as for the blocking model; the answer text reaches the
 * service's stream only through a {@link HoldBackWindow} screened by the {@code AGENT_OUTPUT} output screens (as a
 * streamed agent run's does); when the model's turn is complete it passes {@code MODEL_RESPONSE} before Quarkus
 * LangChain4j sees it, so no tool of that turn runs before the response and then each call ({@code TOOL_CALL}, in
 * {@link WardenToolWrapper}) were decided. A refusal ends the stream with a {@link PolicyDeniedException} carrying the
 * code (see {@link AiServiceStreamTurn}).
 *
 * <p>The call is matched to its invocation through the response handler ({@link AiServiceStreamHandlers}) or, for a
 * {@code TokenStream} method, the thread binding of its stream ({@link AiServiceStreams#bind}); a call that
 * belongs to no streaming invocation of this service is refused ({@link AiServiceCodes#MODEL_CALL_OUTSIDE_INVOCATION})
 * and the provider is not called. Thread-safe.
 */
final class GovernedStreamingAiServiceModel implements StreamingChatModel {
    private final StreamingChatModel delegate;
    private final String service;
    private final Governor governor;
    private final AiServiceStreams streams;
    private final AiServiceSessions sessions;
    private final AiServiceMemoryLabels memory;
    private final int maxInputChars;
    private final int maxAnswerChars;

    GovernedStreamingAiServiceModel(StreamingChatModel delegate, String service, Governor governor,
            AiServiceStreams streams, AiServiceSessions sessions, AiServiceMemoryLabels memory, int maxInputChars,
            int maxAnswerChars) {
        this.maxAnswerChars = maxAnswerChars;
        this.delegate = delegate;
        this.service = service;
        this.governor = governor;
        this.streams = streams;
        this.sessions = sessions;
        this.memory = memory;
        this.maxInputChars = maxInputChars;
    }

    StreamingChatModel delegate() {
        return delegate;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        governed(request, null, handler);
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        governed(request, options, handler);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        governed(request, null, handler);
    }

    private void governed(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        InvocationContext invocation = AiServiceStreamHandlers.invocation(handler);
        // Multi<String>: Quarkus LangChain4j's handler names the invocation; TokenStream: LangChain4j's handler names
        // none, and the call is made inside the stream's binding (start, or the delivery of a governed turn)
        AiServiceStreams.Stream stream = invocation != null ? streams.find(invocation) : AiServiceStreams.bound();
        if (stream == null || !stream.service.equals(service)) {
            handler.onError(GovernedAiServiceModel.outsideInvocation(governor, sessions, service, providerName()));
            return;
        }
        if (stream.cancelled()) {
            handler.onError(new CancellationException("the reader of the stream went away"));
            return;
        }
        AiServiceSessions.Session s = stream.session;
        AiServiceModelTurns.Turn turn;
        try {
            turn = AiServiceModelTurns.requested(governor, memory, maxInputChars, providerName(), s, request,
                    GovernedAiServiceModel.modelName(request, defaultRequestParameters()));
        } catch (PolicyDeniedException e) {
            handler.onError(e);
            return;
        }
        // Quarkus LangChain4j has committed these messages to the chat memory already (streaming commits first): their
        // labels are saved now, so a stream refused before its answer does not leave them UNLABELLED
        memory.save(s.context(), turn.request().messages(), turn.own(), null);
        HoldBackWindow window = new HoldBackWindow(stream.windowChars, screens(s, turn.step()));
        AiServiceStreamTurn governedHandler = new AiServiceStreamTurn(handler, window, stream, turn, governor,
                memory, maxAnswerChars);
        try {
            if (options == null) {
                delegate.chat(turn.request(), governedHandler);
            } else {
                delegate.chat(turn.request(), options, governedHandler);
            }
        } catch (RuntimeException e) {
            governedHandler.onError(e);
        }
    }

    private TextScreens screens(AiServiceSessions.Session s, int step) {
        return PlaneScreens.of(governor.planesAt(Checkpoint.AGENT_OUTPUT), text -> new CheckpointRequest(
                Checkpoint.AGENT_OUTPUT, step, null, null, null, text, s.context().labels(), "user", s.attributes()),
                s.context());
    }

    private String providerName() {
        return GovernedAiServiceModel.providerName(delegate::provider);
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
