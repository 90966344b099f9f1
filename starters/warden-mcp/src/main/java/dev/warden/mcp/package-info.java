/**
 * Model Context Protocol tools under Warden governance.
 *
 * <p>Client side: {@link dev.warden.mcp.McpToolSource} turns an MCP server's tools into governed tools with
 * descriptors from an {@link dev.warden.mcp.McpServerPolicy}; {@link dev.warden.mcp.ToolPinStore} pins approved
 * descriptions and schemas; {@link dev.warden.mcp.McpGuardPlane} blocks a tool that changed after approval.
 * Gateway side: {@link dev.warden.mcp.gateway} exposes governed tools as an MCP server. Stable codes:
 * {@link dev.warden.mcp.McpCodes}.
 */
package dev.warden.mcp;
