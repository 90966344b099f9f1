package dev.warden.quarkus.langchain4j;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The streaming AI-service invocations in flight ({@code Multi<String>} methods), keyed by invocation id. A streamed
 * invocation outlives the call that returned its {@code Multi} and its model and tools run on other threads, so its
 * state cannot live in the thread-confined {@link AiServiceInvocations} frame: the governed streaming model finds it
 * here by the invocation id Quarkus LangChain4j hands its response handler. Bounded (oldest first).
 *
 * <p>A {@code TokenStream} invocation (decision 0046) carries no id to its model and tools: Quarkus LangChain4j 1.10
 * builds LangChain4j's own token stream with a fresh invocation context holding only the memory id. Its model calls
 * and tool calls are made synchronously inside two calls Warden makes itself — the stream's {@code start()} and the
 * delivery of a governed, complete model turn to LangChain4j's handler — so the stream is <em>bound</em> to the thread
 * for exactly those calls ({@link #bind}). A model or tool call without an id outside such a binding belongs to no
 * governed invocation and is refused.
 */
@Singleton
public class AiServiceStreams {
    static final int CAPACITY = 10_000;
    private static final ThreadLocal<Stream> BOUND = new ThreadLocal<>();

    private final Map<UUID, Stream> live = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Stream> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Stream open(String service, InvocationContext invocation, AiServiceSessions.Session session,
            int windowChars, boolean holdsAnswer) {
        return open(service, invocation, session, windowChars, holdsAnswer, false);
    }

    /** @param tokens whether the invocation returns a {@code TokenStream} (its calls are found by {@link #bound()}) */
    synchronized Stream open(String service, InvocationContext invocation, AiServiceSessions.Session session,
            int windowChars, boolean holdsAnswer, boolean tokens) {
        Stream s = new Stream(service, invocation, session, windowChars, holdsAnswer, tokens);
        live.put(invocation.invocationId(), s);
        return s;
    }

    /** The stream of {@code invocation}, or {@code null} when it is not (or no longer) streaming. */
    synchronized Stream find(InvocationContext invocation) {
        return invocation == null || invocation.invocationId() == null ? null : live.get(invocation.invocationId());
    }

    synchronized void close(Stream s) {
        live.remove(s.invocation.invocationId(), s);
    }

    /**
     * Binds {@code stream} to this thread until the returned scope closes (nested bindings restore the outer one).
     * Only {@code TokenStream} invocations are bound.
     */
    static Binding bind(Stream stream) {
        Stream outer = BOUND.get();
        BOUND.set(stream);
        return () -> {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        };
    }

    /** The {@code TokenStream} invocation bound to this thread, or {@code null}. */
    static Stream bound() {
        return BOUND.get();
    }

    /** The stream a model response or tool call of {@code invocation} belongs to: by id, else the bound one. */
    Stream of(InvocationContext invocation) {
        if (invocation != null && invocation.invocationId() != null) {
            return find(invocation);
        }
        return bound();
    }

    /** A thread binding; closing it never throws. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    void responseReceived(@Observes AiServiceResponseReceivedEvent event) {
        Stream s = of(event.invocationContext());
        if (s != null) {
            s.received();
        }
    }

    /** One streamed invocation: its session, window, the text released to the reader, the model call in flight. */
    static final class Stream {
        final String service;
        final InvocationContext invocation;
        final AiServiceSessions.Session session;
        final int windowChars;
        final boolean tokens;
        private final boolean holdsAnswer;
        private final StringBuilder delivered = new StringBuilder();
        private volatile StreamingHandle handle;
        private volatile boolean cancelled;
        private int received;
        private int governed;
        private boolean outputDecided;

        private Stream(String service, InvocationContext invocation, AiServiceSessions.Session session,
                int windowChars, boolean holdsAnswer, boolean tokens) {
            this.holdsAnswer = holdsAnswer;
            this.tokens = tokens;
            this.service = service;
            this.invocation = invocation;
            this.session = session;
            this.windowChars = windowChars;
        }

        /**
         * Whether the answer is held back whole and released only once {@code AGENT_OUTPUT} has decided: a plane that
         * judges answer text without screening it piece by piece is subscribed (decision 0041).
         */
        boolean holdsAnswer() {
            return holdsAnswer;
        }

        synchronized void outputDecided() {
            outputDecided = true;
        }

        synchronized boolean isOutputDecided() {
            return outputDecided;
        }

        synchronized void delivered(String text) {
            delivered.append(text);
        }

        /** Everything released to the reader so far, exactly as released (redactions included). */
        synchronized String delivered() {
            return delivered.toString();
        }

        /** The model call in flight, so a departing reader (or a refusal) can stop it. */
        void streaming(StreamingHandle h) {
            handle = h;
            if (cancelled && h != null) {
                h.cancel();
            }
        }

        void stopModel() {
            StreamingHandle h = handle;
            if (h != null) {
                h.cancel();
            }
        }

        /** The reader went away: the model call in flight is cancelled, nothing further is released. */
        void cancel() {
            cancelled = true;
            stopModel();
        }

        boolean cancelled() {
            return cancelled;
        }

        synchronized void received() {
            received++;
        }

        synchronized void governedResponse() {
            governed++;
        }

        /** Whether Quarkus LangChain4j reported more model responses than passed through the governed model. */
        synchronized boolean hadUngovernedModelCall() {
            return received > governed;
        }
    }
}
