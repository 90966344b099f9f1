package dev.warden.quarkus.delegation;

import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentEndpoint;
import java.util.Optional;

/**
 * Lets another transport claim a remote agent of the directory (e.g. warden-quarkus-a2a for agents reached over A2A).
 * A bean of this type is asked for every remote card; the first non-empty answer is the agent's endpoint, otherwise
 * Warden's own {@code POST /v1/delegations} client is used. The {@code Delegator} applies its checks and checkpoints
 * whatever the endpoint.
 */
public interface RemoteEndpointFactory {
    /** The endpoint for {@code card} (a remote card: {@link AgentCard#endpoint()} is set), or empty if not this one's. */
    Optional<AgentEndpoint> endpointFor(AgentCard card);
}
