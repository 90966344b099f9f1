package dev.warden.quarkus;

import java.util.Set;

/**
 * Tools governed outside {@code @WardenAgent} beans (e.g. those of Quarkus LangChain4j AI services or MCP servers).
 * Their names count as known when policies are checked for unknown tools at startup.
 */
public interface ToolInventory {
    Set<String> toolNames();
}
