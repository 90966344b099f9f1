package dev.warden.core;

import java.util.Objects;
import java.util.Set;

/**
 * One step of a delegation chain: agent {@code agentId} acted with the granted {@code scopes}. The effective rights
 * of a delegated call are the intersection of the scopes along the chain.
 *
 * @param agentId the agent that delegated (the actor, as in RFC 8693 {@code act})
 * @param scopes scopes granted to the next hop; empty means "no explicit narrowing"
 */
public record Hop(String agentId, Set<String> scopes) {
    public Hop {
        Objects.requireNonNull(agentId, "agentId");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
