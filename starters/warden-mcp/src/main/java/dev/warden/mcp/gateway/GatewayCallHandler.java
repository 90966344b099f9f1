package dev.warden.mcp.gateway;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.tools.FieldRedaction;
import dev.warden.core.tools.FieldSplit;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolAuthorization;
import dev.warden.core.tools.ToolOutcome;
import dev.warden.mcp.McpCodes;
import io.opentelemetry.context.Context;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One MCP {@code tools/call} through Warden, independent of the MCP server library that received it: the caller's
 * identity, {@code TOOL_CALL} (per-tool policies), an approval grant or a new pending approval, execution and
 * {@code TOOL_RESULT}, then {@code AGENT_OUTPUT} with target {@code mcp-client} before the result leaves. Used by
 * {@link McpGateway} (MCP Java SDK) and by the Quarkus MCP server gateway ({@code warden-quarkus-mcp}).
 *
 * <p>The governance context: user = the authenticated caller; agent = the gateway's identity; labels start at the
 * caller labels (normally {@link Labels#untrusted()}) joined with everything the same caller's MCP session has
 * received so far (its remote model has read it: an untrusted result taints the session's later calls); the MCP
 * client's self-declared name is only the {@code mcpClient} attribute.
 *
 * <pre>{@code
 * var calls = new GatewayCallHandler(new GovernedToolExecutor(registry, governor, null), governor,
 *         AgentIdentity.of("crm-gateway"), Labels.untrusted(), new GatewayApprovals(...), ids);
 * GatewayCallHandler.Result r = calls.call(principal, "some-ide", sessionId, "lookup_customer", Map.of("id", "c-7"));
 * }</pre>
 *
 * <p>Thread-safe. {@link #call} blocks until the tool and all checkpoints are done: never call it on an event loop.
 */
public final class GatewayCallHandler {
    /** Attribute carrying the MCP client's self-declared name (informational, never an identity). */
    public static final String MCP_CLIENT = "mcpClient";
    /** Target of the egress checkpoint for results returned to MCP clients. */
    public static final String EGRESS_TARGET = "mcp-client";
    /** Task purpose of gateway calls. */
    public static final String PURPOSE = "mcp-gateway";

    /** What goes back to the MCP client: a text and whether it is an error result. */
    public record Result(String text, boolean isError) {}

    private final GovernedToolExecutor tools;
    private final Governor governor;
    private final AgentIdentity gateway;
    private final Labels callerLabels;
    private final GatewayApprovalGate approvals;
    private final Supplier<String> ids;
    private final SessionLabels sessions = new SessionLabels(10_000);

    public GatewayCallHandler(GovernedToolExecutor tools, Governor governor, AgentIdentity gateway,
            Labels callerLabels, GatewayApprovalGate approvals, Supplier<String> ids) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.governor = Objects.requireNonNull(governor, "governor");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.callerLabels = Objects.requireNonNull(callerLabels, "callerLabels");
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Runs one call as {@code user}; a refusal (unauthenticated, denied, pending approval, withheld result) is an error
     * result with the stable code in its text, never an exception.
     *
     * @param user the authenticated caller; {@code null} gives a {@link McpCodes#GATEWAY_UNAUTHENTICATED} error
     * @param clientName the MCP client's self-declared name, or {@code null}
     * @param sessionId the MCP session, recorded as the task's conversation id, or {@code null}
     */
    public Result call(Principal user, String clientName, String sessionId, String toolName,
            Map<String, Object> arguments) {
        if (user == null) {
            return error("[" + McpCodes.GATEWAY_UNAUTHENTICATED + "] the call carries no authenticated caller");
        }
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Map<String, Object> attrs = Map.of(MCP_CLIENT, clientName == null ? "unknown" : clientName);
        String session = sessionId == null ? null : user.tenant() + "\u0000" + user.id() + "\u0000" + sessionId;
        GovernanceContext ctx = GovernanceContext.of(user, gateway)
                .withTask(new TaskContext(ids.get(), sessionId, PURPOSE))
                .withLabelsJoined(callerLabels)
                .withLabelsJoined(sessions.of(session));
        String json = CanonicalJson.write(args);
        ToolExecutionRequest call = ToolExecutionRequest.builder().id(ids.get()).name(toolName).arguments(json)
                .build();
        String digest = CanonicalJson.sha256Hex(json);
        Context otel = Context.current();

        ToolAuthorization auth;
        Optional<GatewayApprovals.Grant> grant = approvals.consume(user, toolName, digest);
        if (grant.isPresent()) {
            auth = approved(call, grant.get(), ctx, attrs, otel);
        } else {
            auth = tools.authorize(call, ctx, 1, attrs, otel).await().indefinitely();
            if (auth.verdict().declassificationUnderApproval()) {
                // an approval never stands in for the requester's declassification, and this gateway parks one
                // question per call: refused (decision 0040)
                return error("[" + dev.warden.core.Declassification.NOT_BOTH + "] " + auth.verdict().reason()
                        + ": the call needs both an approver's approval and the requester's declassification, which"
                        + " this gateway cannot ask in turn; the call was not run");
            }
            if (auth.verdict().outcome() == Outcome.REQUIRE_APPROVAL) {
                var gate = auth.verdict().approval();
                var p = approvals.request(user, toolName, auth.effectiveArguments(), digest, gate.approverRoles(),
                        auth.verdict().ruleIds(), auth.verdict().reason(), gate.ttl());
                return error("[" + McpCodes.GATEWAY_APPROVAL_PENDING + "] approval " + p.approvalId()
                        + " is pending: " + p.reason() + ". The call was not run; repeat it unchanged once approved.");
            }
            if (auth.verdict().outcome() == Outcome.REQUIRE_CONFIRMATION) {
                var gate = auth.verdict().confirmation();
                var p = approvals.requestConfirmation(user, toolName, auth.effectiveArguments(), digest,
                        auth.verdict().ruleIds(), auth.verdict().reason(), gate.ttl());
                if (p == null) {
                    return error("[" + dev.warden.core.WardenCodes.CONFIRMATION_UNSUPPORTED + "] "
                            + auth.verdict().reason() + ": this gateway cannot hold confirmations; the call was not run");
                }
                return error("[" + McpCodes.GATEWAY_CONFIRMATION_PENDING + "] confirmation " + p.approvalId()
                        + " is pending: " + p.reason() + ". The call was not run; the caller confirms it (not the model)"
                        + " and then repeats it unchanged.");
            }
            if (!auth.permitted()) {
                return error(auth.refusalMessage(tools.feedback()));
            }
        }
        ToolOutcome outcome = tools.execute(auth, ctx, 1, attrs, otel).await().indefinitely();
        if (!outcome.delivered()) {
            return error(outcome.messageForModel());
        }
        return egress(outcome, ctx, attrs, otel, session);
    }

    /**
     * Records the refusal of a {@code tools/call} sent as a notification ({@link ToolCallNotifications}): a denial at
     * {@code TOOL_CALL} with {@link McpCodes#GATEWAY_CALL_WITHOUT_ID}, as {@code user} (or an unknown caller). The tool
     * is not run and no plane is asked: there is no call to answer.
     */
    public void refuseNotification(Principal user, String clientName, String toolName) {
        Principal caller = user != null ? user : Principal.of("unknown");
        GovernanceContext ctx = GovernanceContext.of(caller, gateway)
                .withTask(new TaskContext(ids.get(), null, PURPOSE)).withLabelsJoined(callerLabels);
        ToolDescriptor d = tools.registry().descriptor(toolName).orElse(ToolDescriptor.named(toolName));
        CheckpointRequest req = CheckpointRequest.toolCall(1, d, null, Map.of()).withAttributes(
                Map.of(MCP_CLIENT, clientName == null ? "unknown" : clientName));
        governor.record(req, ctx, Verdict.synthetic(req, Outcome.DENY, "a tools/call without an id is a JSON-RPC "
                + "notification: nothing could answer it, so it was refused and not run",
                McpCodes.GATEWAY_CALL_WITHOUT_ID), Context.current());
    }

    /** The result leaves Warden: egress rules (caller clearance, redaction) apply exactly as to an agent's answer. */
    private Result egress(ToolOutcome outcome, GovernanceContext before, Map<String, Object> attrs, Context otel,
            String session) {
        Verdict v = egressVerdict(outcome.messageForModel(), outcome.contentLabels(), before, attrs, otel);
        if (!v.proceeds() && outcome.split() != null) {
            Result narrowed = withoutFieldsOverClearance(outcome, before, attrs, otel, session);
            if (narrowed != null) {
                return narrowed;
            }
        }
        if (!v.proceeds()) {
            return error("Tool result withheld by policy" + (v.code() == null ? "" : " [" + v.code() + "]") + ": "
                    + v.reason());
        }
        sessions.raise(session, outcome.contentLabels());
        return new Result(v.effectiveRequest().content(), outcome.toolFailed());
    }

    private Verdict egressVerdict(String text, Labels labels, GovernanceContext before, Map<String, Object> attrs,
            Context otel) {
        CheckpointRequest req = new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null, null, text, labels,
                EGRESS_TARGET, attrs);
        return governor.evaluate(req, before.withLabelsJoined(labels), otel).await().indefinitely();
    }

    /**
     * A JSON result over the caller's clearance only because of some labelled fields (a record's tax id) goes out
     * with those fields' values replaced by markers, as a hosted model gets it (decision 0069): the fields are
     * withheld from the most to the least confidential, one level at a time, and the narrowed result with the labels
     * of what stays (the split's residual and the fields kept) passes {@code AGENT_OUTPUT} again; the first that
     * passes is sent. {@code null} (withhold the whole result) when none passes or the fields cannot be withheld
     * soundly ({@link FieldRedaction} gives up when a withheld value shows elsewhere). Decision 0075.
     */
    private Result withoutFieldsOverClearance(ToolOutcome outcome, GovernanceContext before,
            Map<String, Object> attrs, Context otel, String session) {
        FieldSplit split = outcome.split();
        List<Confidentiality> levels = split.fields().values().stream().filter(l -> !split.residual().dominates(l))
                .map(Labels::level).distinct().sorted(Comparator.reverseOrder()).toList();
        Map<String, String> markers = new LinkedHashMap<>();
        for (Confidentiality level : levels) {
            split.fields().forEach((field, l) -> {
                if (l.level() == level && !split.residual().dominates(l)) {
                    markers.put(field, ModelInputs.marker(l));
                }
            });
            String text = FieldRedaction.redact(outcome.messageForModel(), markers);
            if (text == null) {
                return null;
            }
            Labels kept = split.residual();
            for (Map.Entry<String, Labels> e : split.fields().entrySet()) {
                kept = markers.containsKey(e.getKey()) ? kept : kept.join(e.getValue());
            }
            Verdict v = egressVerdict(text, kept, before, attrs, otel);
            if (v.proceeds()) {
                sessions.raise(session, kept);
                return new Result(v.effectiveRequest().content(), outcome.toolFailed());
            }
        }
        return null;
    }

    private ToolAuthorization approved(ToolExecutionRequest call, GatewayApprovals.Grant grant,
            GovernanceContext ctx, Map<String, Object> attrs, Context otel) {
        GatewayApprovals.Pending p = grant.pending();
        ToolDescriptor d = tools.registry().descriptor(p.toolName()).orElse(ToolDescriptor.named(p.toolName()));
        // a grant by the requester themselves is a confirmation (approvers are never the requester)
        boolean confirmed = grant.approverId().equals(p.requester().id());
        Map<String, Object> a = new HashMap<>(attrs);
        a.put(confirmed ? CheckpointAttributes.CONFIRMED_BY : CheckpointAttributes.APPROVED_BY, grant.approverId());
        CheckpointRequest req = CheckpointRequest.toolCall(1, d, call.id(), p.arguments()).withAttributes(a);
        Verdict v = governor.record(req, ctx, Verdict.humanDecision(confirmed ? Verdict.CONFIRMATION_PLANE
                : Verdict.APPROVAL_PLANE, req, true, (confirmed ? "confirmed by " : "approved by ")
                + grant.approverId(), null, p.ruleIds()), otel);
        return tools.approved(call, p.arguments(), v, grant.approverId());
    }

    private static Result error(String text) {
        return new Result(text, true);
    }
}
