package dev.warden.quarkus.langchain4j;

import dev.langchain4j.service.TokenStream;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.streaming.PlaneScreens;
import dev.warden.quarkus.StreamingConfig;
import dev.warden.quarkus.WardenConfig;
import io.quarkiverse.langchain4j.runtime.aiservice.AiServiceMethodImplementationSupport;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceContext;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Governs AI-service methods returning {@code Multi<String>} (decision 0041). Per invocation it installs the governed
 * streaming model in the service's context (once), lets Quarkus LangChain4j build the stream inside an invocation
 * frame (so the invocation is bound to the caller, as for blocking methods), registers the stream
 * ({@link AiServiceStreams}) and returns Quarkus LangChain4j's {@code Multi} with three checks attached:
 * <ul>
 *   <li>completion: {@code AGENT_OUTPUT} on exactly the text that was released to the stream
 *       ({@link AiServiceStreamOutput}), unless the answer was held back whole and decided before release;</li>
 *   <li>cancellation: the model call in flight is cancelled and the abort is audited at {@code MODEL_RESPONSE}
 *       ({@code WARDEN-STR-0661});</li>
 *   <li>termination: the invocation's state is dropped.</li>
 * </ul>
 * Called on an event loop, the method is built at subscription on a worker thread (Quarkus LangChain4j would move it
 * there too), acting for the caller of the calling thread's request, resolved without blocking (decision 0046).
 * Methods returning {@code TokenStream} get the same stream state behind a {@link GovernedTokenStream}.
 */
@Singleton
public class AiServiceStreamedCalls {
    private final Governor governor;
    private final AiServiceInvocations invocations;
    private final AiServiceSessions sessions;
    private final AiServiceStreams streams;
    private final AiServiceMemoryLabels memory;
    private final WardenConfig config;
    private final StreamingConfig streaming;

    AiServiceStreamedCalls(Governor governor, AiServiceInvocations invocations, AiServiceSessions sessions,
            AiServiceStreams streams, AiServiceMemoryLabels memory, WardenConfig config, StreamingConfig streaming) {
        this.governor = governor;
        this.invocations = invocations;
        this.sessions = sessions;
        this.streams = streams;
        this.memory = memory;
        this.config = config;
        this.streaming = streaming;
    }

    /** Whether a method returning {@code type} streams text ({@code Multi<String>}). */
    static boolean streamsText(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Multi.class
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == String.class;
    }

    Object call(AiServiceMethodImplementationSupport.Input input,
            Function<AiServiceMethodImplementationSupport.Input, Object> fun, QuarkusAiServiceContext context,
            String service, Runnable governBlocking) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            return build(input, fun, context, service, governBlocking, null);
        }
        // on the event loop the caller's identity may not be resolved yet (lazy authentication): it is awaited
        // without blocking, then the stream is built on a worker thread, acting for it
        return sessions.principalDeferred().emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToMulti(caller -> build(input, fun, context, service, governBlocking, caller));
    }

    @SuppressWarnings("unchecked")
    private Multi<String> build(AiServiceMethodImplementationSupport.Input input,
            Function<AiServiceMethodImplementationSupport.Input, Object> fun, QuarkusAiServiceContext context,
            String service, Runnable governBlocking, Principal caller) {
        AiServiceInvocations.Frame frame = invocations.open(service, caller);
        try {
            governBlocking.run();
            govern(context, service);
            Object built = fun.apply(input);
            if (frame.invocation() == null || !(built instanceof Multi<?>)) {
                throw AiServiceRefusals.deny(governor, output(frame.session(), ""), frame.session().context(),
                        "the streamed invocation could not be bound to its caller",
                        AiServiceCodes.STREAMING_NOT_GOVERNED);
            }
            AiServiceStreams.Stream stream = open(frame, service, false);
            return ((Multi<String>) built)
                    .onCompletion().invoke(() -> delivered(stream))
                    .onCancellation().invoke(() -> cancelled(stream))
                    .onTermination().invoke(() -> finished(stream));
        } finally {
            invocations.close(frame);
        }
    }

    /** Whether a method returning {@code type} returns LangChain4j's {@code TokenStream}. */
    static boolean streamsTokens(Type type) {
        return type == TokenStream.class;
    }

    /**
     * A {@code TokenStream} method (decision 0046): built on the calling thread as Quarkus LangChain4j does, inside an
     * invocation frame; the caller gets a {@link GovernedTokenStream} over it.
     */
    Object callTokens(AiServiceMethodImplementationSupport.Input input,
            Function<AiServiceMethodImplementationSupport.Input, Object> fun, QuarkusAiServiceContext context,
            String service, Runnable governBlocking) {
        AiServiceInvocations.Frame frame = invocations.open(service);
        try {
            governBlocking.run();
            govern(context, service);
            Object built = fun.apply(input);
            if (frame.invocation() == null || !(built instanceof TokenStream tokens)) {
                throw AiServiceRefusals.deny(governor, output(frame.session(), ""), frame.session().context(),
                        "the streamed invocation could not be bound to its caller",
                        AiServiceCodes.STREAMING_NOT_GOVERNED);
            }
            return new GovernedTokenStream(tokens, open(frame, service, true), this);
        } finally {
            invocations.close(frame);
        }
    }

    private AiServiceStreams.Stream open(AiServiceInvocations.Frame frame, String service, boolean tokens) {
        AiServiceStreams.Stream stream = streams.open(service, frame.invocation(), frame.session(),
                streaming.holdBackChars(AiServiceSessions.agentId(service)), PlaneScreens.holdWholeAnswer(
                        governor.planesAt(Checkpoint.MODEL_RESPONSE), governor.planesAt(Checkpoint.AGENT_OUTPUT)),
                tokens);
        frame.keepSession();
        return stream;
    }

    /** The stream ended (completed, refused, failed or cancelled): its state is dropped. */
    void finished(AiServiceStreams.Stream stream) {
        streams.close(stream);
        sessions.forget(stream.invocation);
    }

    /** Refuses a stream before its model is called (audited at {@code MODEL_REQUEST}); returns the exception. */
    RuntimeException refuseBeforeModel(AiServiceStreams.Stream stream, String reason, String code) {
        AiServiceSessions.Session s = stream.session;
        return AiServiceRefusals.deny(governor, new CheckpointRequest(Checkpoint.MODEL_REQUEST, s.step(), null, null,
                null, null, s.context().labels(), null, s.attributes()), s.context(), reason, code);
    }

    private void govern(QuarkusAiServiceContext context, String service) {
        synchronized (context) {
            if (context.streamingChatModel != null
                    && !(context.streamingChatModel instanceof GovernedStreamingAiServiceModel)) {
                context.streamingChatModel = new GovernedStreamingAiServiceModel(context.streamingChatModel, service,
                        governor, streams, sessions, memory, config.limits().maxInputChars(),
                        config.limits().maxModelAnswerChars());
            }
        }
    }

    /** AGENT_OUTPUT on exactly what was delivered, unless decided already; throws (failing the stream). */
    String delivered(AiServiceStreams.Stream stream) {
        if (!stream.isOutputDecided()) {
            AiServiceStreamOutput.decide(governor, stream, stream.delivered(), true);
        }
        return stream.delivered();
    }

    /** The reader went away: the model call is cancelled and the abort audited where the stream was. */
    void cancelled(AiServiceStreams.Stream stream) {
        stream.cancel();
        AiServiceSessions.Session s = stream.session;
        CheckpointRequest req = new CheckpointRequest(Checkpoint.MODEL_RESPONSE, s.step(), null, null, null, null,
                s.context().labels(), null, s.attributes());
        governor.record(req, s.context(), Verdict.synthetic(req, Outcome.DENY, "the reader of the stream went away"
                + " after " + stream.delivered().length() + " characters were delivered; the model call in flight"
                + " was cancelled", WardenCodes.STREAM_CANCELLED), null);
    }

    private static CheckpointRequest output(AiServiceSessions.Session s, String text) {
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, s.step(), null, null, null, text, s.context().labels(),
                "user", s.attributes());
    }
}
