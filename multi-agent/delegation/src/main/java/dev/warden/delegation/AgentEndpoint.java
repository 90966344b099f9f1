package dev.warden.delegation;

import dev.warden.core.GovernanceContext;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Where a callee runs: in this process ({@link LocalAgentEndpoint}) or behind HTTP
 * ({@link dev.warden.delegation.remote.RemoteAgentClient}). The {@link Delegator} has already passed
 * {@code DELEGATION} and built the callee's context when it calls {@link #invoke}.
 *
 * <p>Implementations are thread-safe, emit exactly one item or a failure, and honour cancellation where they can.
 */
@FunctionalInterface
public interface AgentEndpoint {
    /**
     * Runs {@code task} as the callee with {@code calleeContext}: same principal, the chain extended by the caller's
     * hop, the caller's labels as the callee's starting labels. {@code otel} is the caller's trace context: the
     * callee's spans are its children (across HTTP through W3C {@code traceparent}).
     */
    Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel);

    /**
     * Passes the requester's answer to a confirmation the callee is waiting for (decision 0039: asked through the
     * caller's run) and returns how the callee's run went on. The callee checks the answer itself: same requester,
     * the digest of exactly its pending arguments, exactly once. Endpoints that cannot reach a waiting callee fail
     * (the default), and the caller records {@link dev.warden.core.Declassification#RELAY_FAILED}.
     */
    default Uni<DelegatedRun> confirm(String confirmationId, dev.warden.core.agent.ConfirmationResolution answer,
            Context otel) {
        return Uni.createFrom().failure(new UnsupportedOperationException(
                "this endpoint cannot answer a waiting callee"));
    }

    /**
     * How this endpoint reaches its callee, as the agent inventory lists the edge: {@code local}, {@code warden-http},
     * or another transport's name. The default derives it from the class name ({@code A2aDelegateEndpoint} →
     * {@code a2a}); transports should override it.
     */
    default String transport() {
        String name = getClass().getSimpleName();
        for (String suffix : new String[] {"DelegateEndpoint", "AgentEndpoint", "Endpoint"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return name.isEmpty() ? "remote" : name.toLowerCase(java.util.Locale.ROOT);
    }
}
