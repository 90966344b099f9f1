package dev.warden.mcp;

import java.util.List;
import java.util.Optional;

/**
 * Where approvals of MCP tools (pins) are kept. A tool is callable only while the server still describes it exactly
 * as pinned.
 *
 * <p>Implementations are thread-safe. {@link InMemoryToolPinStore} serves tests and single-process use;
 * {@link FileToolPinStore} survives restarts.
 *
 * <pre>{@code
 * ToolPinStore pins = FileToolPinStore.open(Path.of("warden-mcp-pins.json"));
 * McpToolSource bank = McpToolSource.connect(client, policy, pins, Clock.systemUTC());
 * bank.approveAll("alice");   // after reviewing bank.pendingReview()
 * }</pre>
 */
public interface ToolPinStore {
    Optional<ToolPin> find(String serverId, String toolName);

    /** Stores (or replaces) the pin for its server and tool. */
    void save(ToolPin pin);

    /** Removes a pin; the tool is blocked until approved again. */
    void revoke(String serverId, String toolName);

    List<ToolPin> all();
}
