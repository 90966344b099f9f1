package dev.warden.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.warden.core.ToolDescriptor;

/**
 * Calls one MCP tool. Registered in a {@code ToolRegistry}, so only {@code GovernedToolExecutor} reaches it. When the
 * policy asks for it, re-verifies the tool against its pin right before the remote call: this covers a call approved
 * by a human after the {@code TOOL_CALL} checkpoint, during which the server may have changed the tool.
 */
final class McpToolExecutor implements ToolExecutor {
    private final McpToolSource source;
    private final McpClient client;
    private final ToolDescriptor registered;
    private final String serverToolName;

    McpToolExecutor(McpToolSource source, McpClient client, ToolDescriptor registered, String serverToolName) {
        this.source = source;
        this.client = client;
        this.registered = registered;
        this.serverToolName = serverToolName;
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, null).resultText();
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        if (source.policy().verifyBeforeExecution()) {
            McpToolCheck check = source.verify(registered);
            if (!check.allowed()) {
                throw new McpToolBlockedException(check);
            }
        }
        return client.executeTool(ToolExecutionRequest.builder().id(request.id()).name(serverToolName)
                .arguments(request.arguments()).build());
    }
}
