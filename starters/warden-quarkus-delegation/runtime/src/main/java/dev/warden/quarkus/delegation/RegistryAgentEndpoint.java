package dev.warden.quarkus.delegation;

import dev.warden.core.GovernanceContext;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.DelegatedRun;
import dev.warden.delegation.LocalAgentEndpoint;
import dev.warden.quarkus.runtime.AgentRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;

/**
 * A callee in this service, looked up in the {@link AgentRegistry} when it is called: the registry builds the agents
 * (and asks this module for their {@code delegate} tools) after the delegation beans exist, so the agent cannot be
 * resolved earlier.
 */
final class RegistryAgentEndpoint implements AgentEndpoint {
    private final String agentId;
    private final Instance<AgentRegistry> registry;

    RegistryAgentEndpoint(String agentId, Instance<AgentRegistry> registry) {
        this.agentId = agentId;
        this.registry = registry;
    }

    @Override
    public String transport() {
        return "local";
    }

    @Override
    public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
        return registry.get().find(agentId)
                .map(a -> new LocalAgentEndpoint(a.agent()).invoke(task, calleeContext, otel))
                .orElseGet(() -> Uni.createFrom().failure(new IllegalStateException("agent '" + agentId
                        + "' is not built (yet)")));
    }

    /** The requester's answer to this callee's waiting confirmation, relayed by its caller (decision 0039). */
    @Override
    public Uni<DelegatedRun> confirm(String confirmationId, dev.warden.core.agent.ConfirmationResolution answer,
            Context otel) {
        return registry.get().find(agentId)
                .map(a -> new LocalAgentEndpoint(a.agent()).confirm(confirmationId, answer, otel))
                .orElseGet(() -> Uni.createFrom().failure(new IllegalStateException("agent '" + agentId
                        + "' is not built (yet)")));
    }
}
