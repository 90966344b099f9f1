package dev.warden.mcp.testserver;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/** The bank MCP server over streamable HTTP, in-process on a free port (embedded Tomcat). */
public final class HttpBankServer implements AutoCloseable {
    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final BankMcpTools tools = new BankMcpTools();

    public HttpBankServer() throws LifecycleException {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        server = McpServer.sync(transport).serverInfo("bank", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tools.tools()).build();
        tools.attach(server);
        tomcat = EmbeddedTomcat.start(transport, "/mcp");
    }

    public String url() {
        return "http://localhost:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    public BankMcpTools tools() {
        return tools;
    }

    @Override
    public void close() throws LifecycleException {
        server.close();
        tomcat.stop();
        tomcat.destroy();
    }
}
