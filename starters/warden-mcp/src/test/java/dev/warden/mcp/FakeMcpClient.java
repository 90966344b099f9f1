package dev.warden.mcp;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.McpGetPromptResult;
import dev.langchain4j.mcp.client.McpPrompt;
import dev.langchain4j.mcp.client.McpReadResourceResult;
import dev.langchain4j.mcp.client.McpResource;
import dev.langchain4j.mcp.client.McpResourceTemplate;
import dev.langchain4j.mcp.client.McpRoot;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory {@link McpClient} for unit tests: a mutable tool list, recorded calls, an optional outage. */
final class FakeMcpClient implements McpClient {
    final List<ToolSpecification> tools = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean down;

    FakeMcpClient tool(String name, String description, String... stringParams) {
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
        for (String p : stringParams) {
            schema.addStringProperty(p);
        }
        tools.removeIf(t -> t.name().equals(name));
        tools.add(ToolSpecification.builder().name(name).description(description).parameters(schema.build()).build());
        return this;
    }

    @Override
    public String key() {
        return "fake";
    }

    @Override
    public List<ToolSpecification> listTools() {
        if (down) {
            throw new IllegalStateException("connection refused");
        }
        return new ArrayList<>(tools);
    }

    @Override
    public List<ToolSpecification> listTools(InvocationContext context) {
        return listTools();
    }

    @Override
    public ToolExecutionResult executeTool(ToolExecutionRequest request) {
        calls.add(request.name() + " " + request.arguments());
        return ToolExecutionResult.builder().resultText("ok from " + request.name()).build();
    }

    @Override
    public ToolExecutionResult executeTool(ToolExecutionRequest request, InvocationContext context) {
        return executeTool(request);
    }

    @Override
    public List<McpResource> listResources() {
        return List.of();
    }

    @Override
    public List<McpResource> listResources(InvocationContext context) {
        return List.of();
    }

    @Override
    public List<McpResourceTemplate> listResourceTemplates() {
        return List.of();
    }

    @Override
    public List<McpResourceTemplate> listResourceTemplates(InvocationContext context) {
        return List.of();
    }

    @Override
    public McpReadResourceResult readResource(String uri) {
        throw new UnsupportedOperationException();
    }

    @Override
    public McpReadResourceResult readResource(String uri, InvocationContext context) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void subscribeToResource(String uri) {}

    @Override
    public void unsubscribeFromResource(String uri) {}

    @Override
    public List<McpPrompt> listPrompts() {
        return List.of();
    }

    @Override
    public McpGetPromptResult getPrompt(String name, Map<String, Object> arguments) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void checkHealth() {}

    @Override
    public void setRoots(List<McpRoot> roots) {}

    @Override
    public void close() {}
}
