package dev.warden.mcp.gateway;

import dev.warden.core.Principal;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

/** Adapts one MCP SDK {@code tools/call} to {@link GatewayCallHandler}: principal from the transport context. */
final class GovernedMcpCall {
    static final String PRINCIPAL = "warden.principal";

    private final GatewayCallHandler calls;

    GovernedMcpCall(GatewayCallHandler calls) {
        this.calls = calls;
    }

    McpSchema.CallToolResult handle(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object who = exchange.transportContext() == null ? null : exchange.transportContext().get(PRINCIPAL);
        String client = exchange.getClientInfo() == null ? null : exchange.getClientInfo().name();
        GatewayCallHandler.Result r = calls.call(who instanceof Principal user ? user : null, client,
                exchange.sessionId(), request.name(), request.arguments());
        return McpSchema.CallToolResult.builder().addTextContent(r.text()).isError(r.isError()).build();
    }
}
