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
 */
@Singleton
public class AiServiceStreams {
    static final int CAPACITY = 10_000;

    private final Map<UUID, Stream> live = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Stream> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Stream open(String service, InvocationContext invocation, AiServiceSessions.Session session,
            int windowChars, boolean holdsAnswer) {
        Stream s = new Stream(service, invocation, session, windowChars, holdsAnswer);
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

    void responseReceived(@Observes AiServiceResponseReceivedEvent event) {
        Stream s = find(event.invocationContext());
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
        private final boolean holdsAnswer;
        private final StringBuilder delivered = new StringBuilder();
        private volatile StreamingHandle handle;
        private volatile boolean cancelled;
        private int received;
        private int governed;
        private boolean outputDecided;

        private Stream(String service, InvocationContext invocation, AiServiceSessions.Session session,
                int windowChars, boolean holdsAnswer) {
            this.holdsAnswer = holdsAnswer;
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
