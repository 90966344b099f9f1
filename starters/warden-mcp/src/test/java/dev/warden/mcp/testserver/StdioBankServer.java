package dev.warden.mcp.testserver;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/** The bank MCP server over stdio; tests launch it as a subprocess with their own classpath. */
public final class StdioBankServer {
    private StdioBankServer() {}

    public static void main(String[] args) throws InterruptedException {
        BankMcpTools tools = new BankMcpTools();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("bank", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools.tools())
                .build();
        tools.attach(server);
        Thread.currentThread().join();
    }
}
