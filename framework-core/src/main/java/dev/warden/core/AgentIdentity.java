package dev.warden.core;

import java.util.Objects;

/**
 * Which agent is acting.
 *
 * @param id stable agent id, unique in the inventory
 * @param version deployed version of the agent (prompt, tools and policies together)
 * @param owner accountable team or person
 */
public record AgentIdentity(String id, String version, String owner) {
    public AgentIdentity {
        Objects.requireNonNull(id, "id");
        version = version == null ? "0" : version;
        owner = owner == null ? "unknown" : owner;
    }

    public static AgentIdentity of(String id) {
        return new AgentIdentity(id, "0", "unknown");
    }
}
