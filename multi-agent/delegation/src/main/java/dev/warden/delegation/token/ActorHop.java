package dev.warden.delegation.token;

import dev.warden.core.Hop;
import dev.warden.core.Labels;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the token's {@code act} chain (RFC 8693 §4.1), extended with what Warden needs to verify attenuation.
 *
 * @param agentId the actor ({@code act.sub}): the agent that delegated
 * @param scopes scopes it granted the next hop ({@code act.scopes}); empty = no narrowing
 * @param labels the context labels it declared when delegating ({@code act.labels}), or {@code null} if unknown
 */
public record ActorHop(String agentId, Set<String> scopes, Labels labels) {
    public ActorHop {
        Objects.requireNonNull(agentId, "agentId");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public Hop toHop() {
        return new Hop(agentId, scopes);
    }
}
