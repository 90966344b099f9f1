/**
 * Gateway side: Warden-governed tools exposed as an MCP server ({@link dev.warden.mcp.gateway.McpGateway}), with the
 * caller's identity from the bearer token of every MCP HTTP request.
 */
package dev.warden.mcp.gateway;
