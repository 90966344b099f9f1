package dev.warden.delegation;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.agent.GovernedAgent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One inventory entry: what an agent is and what it can touch. Immutable; serialises to JSON with Jackson as-is, so
 * the Quarkus starter can list cards over REST.
 *
 * @param id stable agent id
 * @param version deployed version
 * @param owner accountable team or person
 * @param description what the agent is for (also shown to supervisor models choosing a delegate)
 * @param model model name the agent runs on
 * @param tools the agent's tools with their effects
 * @param policySets policy sets that govern the agent, as {@code name@version}
 * @param trustEdges outgoing trust edges (agents this agent may delegate to)
 * @param endpoint base URI of the service hosting the agent, or {@code null} when it runs in this process
 */
public record AgentCard(String id, String version, String owner, String description, String model,
        List<ToolSummary> tools, List<String> policySets, List<TrustEdge> trustEdges, URI endpoint) {

    /** A tool as the inventory shows it. */
    public record ToolSummary(String name, Set<Effect> effects, Risk risk, boolean declared) {
        public ToolSummary {
            effects = effects == null ? Set.of() : Set.copyOf(effects);
        }

        public static ToolSummary of(ToolDescriptor d) {
            return new ToolSummary(d.name(), d.effects(), d.risk(), d.declared());
        }
    }

    public AgentCard {
        Objects.requireNonNull(id, "id");
        version = version == null ? "0" : version;
        owner = owner == null ? "unknown" : owner;
        description = description == null ? "" : description;
        tools = tools == null ? List.of() : List.copyOf(tools);
        policySets = policySets == null ? List.of() : List.copyOf(policySets);
        trustEdges = trustEdges == null ? List.of() : List.copyOf(trustEdges);
        for (TrustEdge e : trustEdges) {
            if (!e.from().equals(id)) {
                throw new IllegalArgumentException("trust edge " + e.from() + "->" + e.to() + " listed on agent " + id);
            }
        }
    }

    /** A card describing a local governed agent, its tools read from the agent's registry. */
    public static AgentCard of(GovernedAgent agent, String description, String model, List<String> policySets,
            List<TrustEdge> trustEdges) {
        AgentIdentity idn = agent.identity();
        List<ToolSummary> tools = new ArrayList<>();
        agent.toolRegistry().descriptors().forEach(d -> tools.add(ToolSummary.of(d)));
        return new AgentCard(idn.id(), idn.version(), idn.owner(), description, model, tools, policySets, trustEdges,
                null);
    }

    /** A card for an agent served by another service at {@code endpoint}. */
    public static AgentCard remote(AgentIdentity identity, String description, URI endpoint) {
        return new AgentCard(identity.id(), identity.version(), identity.owner(), description, null, List.of(),
                List.of(), List.of(), Objects.requireNonNull(endpoint, "endpoint"));
    }

    public AgentCard withTrustEdges(List<TrustEdge> edges) {
        return new AgentCard(id, version, owner, description, model, tools, policySets, edges, endpoint);
    }

    public boolean isRemote() {
        return endpoint != null;
    }

    public boolean hasEffect(Effect effect) {
        return tools.stream().anyMatch(t -> t.effects().contains(effect));
    }

    public AgentIdentity identity() {
        return new AgentIdentity(id, version, owner);
    }
}
