package dev.warden.delegation;

import dev.warden.core.Effect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent inventory: every agent with its version, owner, model, tools (with effects), governing policy sets and
 * trust edges. Answers "which agents exist, what can each touch, who may call whom".
 *
 * <p>Immutable after {@link Builder#build()}, which fails when a trust edge names an agent that is not in the
 * directory (fail at startup, not at call time). Thread-safe.
 *
 * <pre>{@code
 * AgentDirectory dir = AgentDirectory.builder()
 *         .agent(AgentCard.of(supervisor, "routes work", "gpt-4o", List.of("team@3"),
 *                 List.of(TrustEdge.of("supervisor", "researcher"), TrustEdge.of("supervisor", "writer"))))
 *         .agent(AgentCard.of(researcher, "finds facts", "gpt-4o", List.of("team@3"), List.of()))
 *         .agent(AgentCard.remote(AgentIdentity.of("writer"), "drafts text", URI.create("http://writer:8080")))
 *         .build();
 * dir.agentsWithEffect(Effect.EXTERNAL_COMMUNICATION);
 * }</pre>
 */
public final class AgentDirectory {
    private final Map<String, AgentCard> cards;

    private AgentDirectory(Map<String, AgentCard> cards) {
        this.cards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cards));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<AgentCard> find(String agentId) {
        return Optional.ofNullable(agentId == null ? null : cards.get(agentId));
    }

    /** All cards in registration order. */
    public Collection<AgentCard> all() {
        return cards.values();
    }

    /** The declared edge {@code from → to}, if any. */
    public Optional<TrustEdge> edge(String from, String to) {
        AgentCard c = cards.get(from);
        if (c == null) {
            return Optional.empty();
        }
        return c.trustEdges().stream().filter(e -> e.to().equals(to)).findFirst();
    }

    /** Agents that declare an edge to {@code agentId}. */
    public List<String> callersOf(String agentId) {
        List<String> out = new ArrayList<>();
        for (AgentCard c : cards.values()) {
            if (c.trustEdges().stream().anyMatch(e -> e.to().equals(agentId))) {
                out.add(c.id());
            }
        }
        return out;
    }

    /** Agents with at least one tool having {@code effect}. */
    public List<AgentCard> agentsWithEffect(Effect effect) {
        return cards.values().stream().filter(c -> c.hasEffect(effect)).toList();
    }

    /** Builds an {@link AgentDirectory}; agent ids must be unique. */
    public static final class Builder {
        private final Map<String, AgentCard> cards = new LinkedHashMap<>();

        public Builder agent(AgentCard card) {
            if (cards.putIfAbsent(card.id(), card) != null) {
                throw new IllegalArgumentException("duplicate agent id '" + card.id() + "' in the directory");
            }
            return this;
        }

        /** Adds an edge to an already registered agent's card. */
        public Builder edge(TrustEdge edge) {
            AgentCard c = cards.get(edge.from());
            if (c == null) {
                throw new IllegalArgumentException("trust edge from unknown agent '" + edge.from() + "'");
            }
            List<TrustEdge> edges = new ArrayList<>(c.trustEdges());
            edges.add(edge);
            cards.put(c.id(), c.withTrustEdges(edges));
            return this;
        }

        public AgentDirectory build() {
            for (AgentCard c : cards.values()) {
                for (TrustEdge e : c.trustEdges()) {
                    if (!cards.containsKey(e.to())) {
                        throw new IllegalArgumentException("trust edge " + e.from() + "->" + e.to()
                                + " names an agent that is not in the directory");
                    }
                }
            }
            return new AgentDirectory(cards);
        }
    }
}
