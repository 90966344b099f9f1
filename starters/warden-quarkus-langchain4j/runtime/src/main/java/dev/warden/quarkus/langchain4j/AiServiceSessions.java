package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.Usage;
import dev.warden.quarkus.api.Callers;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Governance state of one AI-service invocation (one call of a {@code @RegisterAiService} method): who is acting,
 * as which agent, the user's request (for argument provenance), the labels seen so far and the step count. Bounded:
 * the oldest invocations are forgotten first.
 *
 * <p>The agent id is the AI service's simple interface name; the user is the request's verified identity (bearer JWT
 * mapped like the REST API does), or {@code anonymous} without roles outside a request.
 */
@Singleton
public class AiServiceSessions {
    static final int CAPACITY = 10_000;
    static final String ANONYMOUS = "anonymous";

    private final Callers callers;
    private final Map<UUID, Session> sessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Session> eldest) {
            return size() > CAPACITY;
        }
    };

    AiServiceSessions(Callers callers) {
        this.callers = callers;
    }

    synchronized Session session(InvocationContext invocation) {
        return session(invocation, null);
    }

    /** The session of {@code invocation}; a new one acts for {@code principal} (when given) or the current caller. */
    synchronized Session session(InvocationContext invocation, Principal principal) {
        UUID id = invocation.invocationId() == null ? UUID.randomUUID() : invocation.invocationId();
        return sessions.computeIfAbsent(id, k -> new Session(open(k, invocation, principal), userText(invocation)));
    }

    /** The session of {@code invocation} when one is open for its id, else {@code null} (never opens one). */
    synchronized Session find(InvocationContext invocation) {
        return invocation == null || invocation.invocationId() == null ? null : sessions.get(invocation.invocationId());
    }

    /** Drops the state of a finished invocation (its decisions are in the audit trail already). */
    synchronized void forget(InvocationContext invocation) {
        if (invocation != null && invocation.invocationId() != null) {
            sessions.remove(invocation.invocationId());
        }
    }

    /** The agent id of an AI service: its interface's simple name ({@code ai-service} when unknown). */
    static String agentId(String interfaceName) {
        String iface = interfaceName == null ? "ai-service" : interfaceName;
        return iface.substring(Math.max(iface.lastIndexOf('.'), iface.lastIndexOf('$')) + 1);
    }

    private GovernanceContext open(UUID id, InvocationContext invocation, Principal caller) {
        return GovernanceContext.of(caller != null ? caller : principal(),
                new AgentIdentity(agentId(invocation.interfaceName()), null, null))
                .withTask(new TaskContext(id.toString(), String.valueOf(invocation.chatMemoryId()), null));
    }

    /** The caller of the current request (verified identity), or anonymous outside a request. */
    Principal principal() {
        if (!Arc.container().requestContext().isActive()) {
            return new Principal(ANONYMOUS, null, Set.of(), Map.of());
        }
        try (InstanceHandle<SecurityIdentity> h = Arc.container().instance(SecurityIdentity.class)) {
            return principalOf(h.isAvailable() ? h.get() : null);
        }
    }

    /**
     * The caller of the current request without blocking (for an event-loop thread, where reading the identity with
     * lazy authentication would block): resolved when the returned {@code Uni} is subscribed to; anonymous outside a
     * request.
     */
    Uni<Principal> principalDeferred() {
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().item(new Principal(ANONYMOUS, null, Set.of(), Map.of()));
        }
        try (InstanceHandle<CurrentIdentityAssociation> h = Arc.container()
                .instance(CurrentIdentityAssociation.class)) {
            if (!h.isAvailable()) {
                return Uni.createFrom().item(new Principal(ANONYMOUS, null, Set.of(), Map.of()));
            }
            return h.get().getDeferredIdentity().map(this::principalOf);
        }
    }

    private Principal principalOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Principal(ANONYMOUS, null, Set.of(), Map.of());
        }
        if (identity.getPrincipal() instanceof JsonWebToken) {
            return callers.principal(identity);
        }
        return new Principal(identity.getPrincipal().getName(), null, identity.getRoles(), Map.of());
    }

    /**
     * One invocation's state; its context label only rises. Steps count model calls, as in the governed agent loop:
     * tool calls carry the step of the model response that asked for them.
     */
    static final class Session {
        private GovernanceContext context;
        private Map<String, Object> attributes;
        private int step;

        Session(GovernanceContext context, String userInput) {
            this.context = context;
            this.attributes = userInput == null ? Map.of() : Map.of(CheckpointAttributes.USER_INPUT, userInput);
        }

        synchronized int nextModelStep() {
            return ++step;
        }

        /** The current model step (at least 1). */
        synchronized int step() {
            return Math.max(step, 1);
        }

        /** Remembers the user's input when the invocation context did not carry it (first model call). */
        synchronized void userInputIfUnknown(String text) {
            if (text != null && !attributes.containsKey(CheckpointAttributes.USER_INPUT)) {
                attributes = Map.of(CheckpointAttributes.USER_INPUT, text);
            }
        }

        synchronized void charge(java.util.function.UnaryOperator<Usage> change) {
            context = context.withUsage(change.apply(context.usage()));
        }

        synchronized GovernanceContext context() {
            return context;
        }

        synchronized Map<String, Object> attributes() {
            return attributes;
        }

        synchronized void seen(Labels labels) {
            context = context.withLabelsJoined(labels);
        }
    }

    static String userText(InvocationContext invocation) {
        UserMessage m = invocation.userMessage();
        return m != null && m.hasSingleText() ? m.singleText() : null;
    }
}
