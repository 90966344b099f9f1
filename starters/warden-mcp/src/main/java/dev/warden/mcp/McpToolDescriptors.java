package dev.warden.mcp;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.warden.core.Labels;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import java.util.Set;

/** Builds a tool's {@link ToolDescriptor} from the operator's policy; the server's own claims never set metadata. */
final class McpToolDescriptors {
    private McpToolDescriptors() {}

    static ToolDescriptor describe(McpServerPolicy server, String serverToolName, ToolSpecification listed) {
        String name = server.exposedName(serverToolName);
        McpToolPolicy tool = server.tool(serverToolName).orElse(null);
        String description = tool != null && tool.describedAs() != null ? tool.describedAs() : listed.description();
        ToolSpecification shown = ToolSpecification.builder().name(name).description(description)
                .parameters(listed.parameters()).build();
        if (tool == null) {
            return new ToolDescriptor(name, shown, Set.of(), server.defaultSinkClearance(), server.sourceLabels(),
                    Risk.HIGH, false);
        }
        Labels sink = tool.sinkClearance() == null ? server.defaultSinkClearance() : tool.sinkClearance();
        Labels source = server.sourceLabels().join(tool.sourceLabels());
        return new ToolDescriptor(name, shown, tool.effects(), sink, source, tool.risk(), true);
    }
}
