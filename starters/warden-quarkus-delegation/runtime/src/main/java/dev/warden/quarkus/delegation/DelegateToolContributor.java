package dev.warden.quarkus.delegation;

import dev.warden.core.Governor;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.delegation.AgentDirectory;
import dev.warden.quarkus.AgentToolContributor;
import jakarta.inject.Singleton;

/**
 * Gives every agent with at least one outgoing trust edge the {@code delegate} tool. The tool is shared by the
 * service's agents (its description lists every delegation target of the service); which caller may reach which
 * callee is decided per call by the trust edges and the {@code DELEGATION} checkpoint, never by the tool schema.
 */
@Singleton
public class DelegateToolContributor implements AgentToolContributor {
    private final AgentDirectory directory;
    private final DelegationProducers.DelegateTools tools;
    private final Governor governor;

    DelegateToolContributor(AgentDirectory directory, DelegationProducers.DelegateTools tools, Governor governor) {
        this.directory = directory;
        this.tools = tools;
        this.governor = governor;
    }

    @Override
    public void contribute(String agentId, ToolRegistry.Builder builder) {
        boolean delegates = directory.find(agentId).map(c -> !c.trustEdges().isEmpty()).orElse(false);
        if (delegates) {
            tools.tool().orElseThrow().register(builder, governor);
        }
    }
}
