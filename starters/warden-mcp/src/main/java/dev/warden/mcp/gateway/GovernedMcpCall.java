package dev.warden.mcp.gateway;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolAuthorization;
import dev.warden.core.tools.ToolOutcome;
import dev.warden.mcp.McpCodes;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One MCP {@code tools/call} through Warden: identity, {@code TOOL_CALL}, approval grant, execution, result. */
final class GovernedMcpCall {
    static final String PRINCIPAL = "warden.principal";
    static final String MCP_CLIENT = "mcpClient";
    /** Target of the egress checkpoint for results returned to MCP clients. */
    static final String EGRESS_TARGET = "mcp-client";

    private final GovernedToolExecutor tools;
    private final Governor governor;
    private final AgentIdentity gateway;
    private final Labels callerLabels;
    private final GatewayApprovals approvals;
    private final Supplier<String> ids;

    GovernedMcpCall(GovernedToolExecutor tools, Governor governor, AgentIdentity gateway, Labels callerLabels,
            GatewayApprovals approvals, Supplier<String> ids) {
        this.tools = tools;
        this.governor = governor;
        this.gateway = gateway;
        this.callerLabels = callerLabels;
        this.approvals = approvals;
        this.ids = ids;
    }

    McpSchema.CallToolResult handle(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        Object who = exchange.transportContext() == null ? null : exchange.transportContext().get(PRINCIPAL);
        if (!(who instanceof Principal user)) {
            return error("[" + McpCodes.GATEWAY_UNAUTHENTICATED + "] the call carries no authenticated caller");
        }
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        String client = exchange.getClientInfo() == null ? "unknown" : exchange.getClientInfo().name();
        Map<String, Object> attrs = Map.of(MCP_CLIENT, client);
        GovernanceContext ctx = GovernanceContext.of(user, gateway)
                .withTask(new TaskContext(ids.get(), exchange.sessionId(), "mcp-gateway"))
                .withLabelsJoined(callerLabels);
        ToolExecutionRequest call = ToolExecutionRequest.builder().id(ids.get()).name(request.name())
                .arguments(CanonicalJson.write(args)).build();
        String digest = CanonicalJson.sha256Hex(CanonicalJson.write(args));
        Context otel = Context.current();

        ToolAuthorization auth;
        Optional<GatewayApprovals.Grant> grant = approvals.consume(user, request.name(), digest);
        if (grant.isPresent()) {
            auth = approved(call, grant.get(), ctx, attrs, otel);
        } else {
            auth = tools.authorize(call, ctx, 1, attrs, otel).await().indefinitely();
            if (auth.verdict().outcome() == Outcome.REQUIRE_APPROVAL) {
                var gate = auth.verdict().approval();
                var p = approvals.request(user, request.name(), auth.effectiveArguments(), digest,
                        gate.approverRoles(), auth.verdict().ruleIds(), auth.verdict().reason(), gate.ttl());
                return error("[" + McpCodes.GATEWAY_APPROVAL_PENDING + "] approval " + p.approvalId()
                        + " is pending: " + p.reason() + ". The call was not run; repeat it unchanged once approved.");
            }
            if (!auth.permitted()) {
                return error(auth.refusalMessage());
            }
        }
        ToolOutcome outcome = tools.execute(auth, ctx, 1, attrs, otel).await().indefinitely();
        if (!outcome.delivered()) {
            return error(outcome.messageForModel());
        }
        return egress(outcome, ctx.withLabelsJoined(outcome.contentLabels()), attrs, otel);
    }

    /**
     * The result leaves Warden for the MCP client: an {@code AGENT_OUTPUT} checkpoint with target {@code mcp-client},
     * so egress rules (clearance of the caller, redaction) apply exactly as to an agent's answer.
     */
    private McpSchema.CallToolResult egress(ToolOutcome outcome, GovernanceContext ctx, Map<String, Object> attrs,
            Context otel) {
        CheckpointRequest req = new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null, null,
                outcome.messageForModel(), outcome.contentLabels(), EGRESS_TARGET, attrs);
        Verdict v = governor.evaluate(req, ctx, otel).await().indefinitely();
        if (!v.proceeds()) {
            return error("Tool result withheld by policy" + (v.code() == null ? "" : " [" + v.code() + "]") + ": "
                    + v.reason());
        }
        return McpSchema.CallToolResult.builder().addTextContent(v.effectiveRequest().content())
                .isError(outcome.toolFailed()).build();
    }

    private ToolAuthorization approved(ToolExecutionRequest call, GatewayApprovals.Grant grant,
            GovernanceContext ctx, Map<String, Object> attrs, Context otel) {
        GatewayApprovals.Pending p = grant.pending();
        ToolDescriptor d = tools.registry().descriptor(p.toolName()).orElse(ToolDescriptor.named(p.toolName()));
        Map<String, Object> a = new java.util.HashMap<>(attrs);
        a.put(CheckpointAttributes.APPROVED_BY, grant.approverId());
        CheckpointRequest req = CheckpointRequest.toolCall(1, d, call.id(), p.arguments()).withAttributes(a);
        Verdict v = governor.record(req, ctx, Verdict.humanDecision(req, true, "approved by " + grant.approverId(),
                null, p.ruleIds()), otel);
        return tools.approved(call, p.arguments(), v, grant.approverId());
    }

    private static McpSchema.CallToolResult error(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
