package dev.warden.quarkus;

import dev.warden.core.tools.ToolRegistry;

/**
 * Adds programmatic tools to {@code @WardenAgent}s at startup — e.g. a {@code delegate} tool for agents that may hand
 * work to other agents, or tools proxied from an MCP server. A plug-in is a bean implementing this interface; the
 * tools it adds pass the same governed executor as the agent's own {@code @Tool} methods.
 */
public interface AgentToolContributor {
    /** Adds tools for {@code agentId} to {@code tools}; called once per agent, before the agent is built. */
    void contribute(String agentId, ToolRegistry.Builder tools);
}
