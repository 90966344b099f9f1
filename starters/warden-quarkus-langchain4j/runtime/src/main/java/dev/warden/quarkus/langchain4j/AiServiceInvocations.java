package dev.warden.quarkus.langchain4j;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * The AI-service invocations running on the current thread, innermost last (a tool may call another AI service).
 * {@link WardenAiServiceWrapper} opens a frame around each invocation; Quarkus LangChain4j then fires
 * {@link AiServiceStartedEvent} synchronously on the same thread (a plain CDI {@code fire}) with the
 * {@link InvocationContext}, which binds the frame to the invocation id the tool executor sees too. The governed model
 * reads the innermost frame, so model calls, tool calls and the output of one invocation share one session.
 *
 * <p>Frames are thread-confined; nothing here is shared across threads.
 */
@Singleton
public class AiServiceInvocations {
    private final ThreadLocal<Deque<Frame>> frames = ThreadLocal.withInitial(ArrayDeque::new);
    private final AiServiceSessions sessions;

    AiServiceInvocations(AiServiceSessions sessions) {
        this.sessions = sessions;
    }

    Frame open(String serviceInterface) {
        return open(serviceInterface, null);
    }

    /** Opens a frame acting for {@code principal} (resolved on the caller's thread), or the current identity. */
    Frame open(String serviceInterface, dev.warden.core.Principal principal) {
        Frame f = new Frame(serviceInterface, principal);
        frames.get().addLast(f);
        return f;
    }

    void close(Frame frame) {
        Deque<Frame> stack = frames.get();
        stack.removeLastOccurrence(frame);
        if (stack.isEmpty()) {
            frames.remove();
        }
        if (!frame.kept) {
            sessions.forget(frame.invocation);
        }
    }

    /** The innermost invocation on this thread, or {@code null}. */
    Frame current() {
        Deque<Frame> stack = frames.get();
        return stack.isEmpty() ? null : stack.peekLast();
    }

    void started(@Observes AiServiceStartedEvent event) {
        Frame f = current();
        InvocationContext ic = event.invocationContext();
        if (f != null && f.invocation == null && ic != null && f.service.equals(ic.interfaceName())) {
            f.invocation = ic;
        }
    }

    void responseReceived(@Observes AiServiceResponseReceivedEvent event) {
        Frame f = current();
        InvocationContext ic = event.invocationContext();
        if (f != null && f.invocation != null && ic != null && f.invocation.invocationId().equals(ic.invocationId())) {
            f.responsesReceived++;
        }
    }

    /** One invocation of one AI-service method on this thread. */
    final class Frame {
        final String service;
        private final dev.warden.core.Principal principal;
        private InvocationContext invocation;
        private boolean kept;
        private AiServiceSessions.Session session;
        private int responsesReceived;
        private int responsesGoverned;

        private Frame(String service, dev.warden.core.Principal principal) {
            this.service = service;
            this.principal = principal;
        }

        /** The invocation Quarkus LangChain4j started in this frame, or {@code null} when none was reported. */
        InvocationContext invocation() {
            return invocation;
        }

        /** The session outlives the frame (a stream still running): whoever keeps it forgets it. */
        void keepSession() {
            kept = true;
        }

        /** The invocation's session, opened on first use (without a started event: a fresh invocation id). */
        AiServiceSessions.Session session() {
            if (session == null) {
                if (invocation == null) {
                    invocation = InvocationContext.builder().invocationId(UUID.randomUUID()).interfaceName(service)
                            .build();
                }
                session = sessions.session(invocation, principal);
            }
            return session;
        }

        void governedResponse() {
            responsesGoverned++;
        }

        /** Whether Quarkus LangChain4j reported more model responses than passed through the governed model. */
        boolean hadUngovernedModelCall() {
            return responsesReceived > responsesGoverned;
        }
    }
}
