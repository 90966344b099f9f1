package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.RuleVocabulary;
import java.util.Map;

/**
 * The {@code inventory} variable of {@code plane: inventory} rules: whether what a checkpoint is about is in the
 * inventory, so a rule can refuse, or ask approval for, an undeclared tool, MCP server, delegation or agent.
 *
 * <ul>
 *   <li>{@code inventory.declared} — the subject of this checkpoint is declared: at {@code TOOL_CALL} the tool (the
 *       agent is registered with it, with a governance descriptor); at an outbound {@code DELEGATION} the edge from
 *       the agent to the target; elsewhere (and at an inbound delegation) the agent;
 *   <li>{@code inventory.agent} — the agent is registered (by this service, or by any service sharing the store);
 *   <li>{@code inventory.tool} — at {@code TOOL_CALL}, the tool is declared for the agent ({@code false} elsewhere);
 *   <li>{@code inventory.delegation} — at {@code DELEGATION}, an edge from the agent to the target is declared;
 *   <li>{@code inventory.mcpServer} — the MCP server of the called tool ({@code ""} if none), and
 *       {@code inventory.mcpServerDeclared} whether the agent holds tools of that server.
 * </ul>
 *
 * <p>Fails closed: before this service registered, or while its suspension state is stale (the store cannot be
 * read), the variable cannot be resolved and every rule reading it fails — the checkpoint is blocked.
 */
final class DeclaredVocabulary {
    static final String VARIABLE = "inventory";

    private DeclaredVocabulary() {}

    static RuleVocabulary of(String plane, DeclaredActivity declared, KillSwitchState state) {
        return RuleVocabulary.builder(plane)
                .variable(VARIABLE, RuleVocabulary.Type.MAP, "whether the tool, MCP server, delegation edge or agent"
                        + " of this checkpoint is in the inventory: declared, agent, tool, delegation, mcpServer, "
                        + "mcpServerDeclared", (request, context) -> resolve(declared, state, request, context))
                .build();
    }

    static Map<String, Object> resolve(DeclaredActivity declared, KillSwitchState state, CheckpointRequest request,
            GovernanceContext context) {
        if (!declared.ready()) {
            throw new IllegalStateException("the inventory of this service is not registered yet");
        }
        if (state.stale()) {
            throw new IllegalStateException("the inventory could not be refreshed within the staleness bound");
        }
        String agent = context.agent().id();
        boolean agentKnown = declared.knowsAgent(agent);
        boolean toolCall = request.checkpoint() == Checkpoint.TOOL_CALL;
        String toolName = request.toolName();
        boolean tool = toolCall && toolName != null && declared.declaresTool(agent, toolName)
                && (request.tool() == null || request.tool().declared());
        boolean delegationCp = request.checkpoint() == Checkpoint.DELEGATION;
        boolean inbound = "inbound".equals(request.attributes().get("direction"));
        boolean delegation = delegationCp && request.target() != null
                && (inbound || declared.declaresDelegation(agent, request.target()));
        String server = toolCall ? LocalRegistration.mcpServerOf(toolName) : null;
        boolean declaredSubject = toolCall ? tool : delegationCp && !inbound ? delegation : agentKnown;
        return Map.of("declared", declaredSubject, "agent", agentKnown, "tool", tool, "delegation", delegation,
                "mcpServer", server == null ? "" : server,
                "mcpServerDeclared", server != null && declared.declaresMcpServer(agent, server));
    }
}
