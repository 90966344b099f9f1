/**
 * The Warden MCP gateway for Quarkus services: with this jar on the classpath a service exposes the governed tools of
 * one {@code @WardenAgent} through the Quarkus MCP server extension (streamable HTTP), configured under
 * {@code warden.mcp.gateway.*} ({@link dev.warden.quarkus.mcp.McpGatewayConfig}). Callers are authenticated like the
 * REST API; approvals are decided through {@code /v1/approvals}; decisions land in the service's audit trail.
 */
package dev.warden.quarkus.mcp;
