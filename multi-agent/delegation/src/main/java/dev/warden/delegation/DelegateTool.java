package dev.warden.delegation;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.tools.CalleeConfirmations;
import dev.warden.core.tools.ResultLabels;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.spi.DecisionObserver;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code delegate(agent, task)} tool a model calls to hand work to another agent, with {@link Effect#DELEGATION}.
 *
 * <p>The call passes {@code TOOL_CALL} like any tool, then the {@link Delegator} runs {@code DELEGATION} and
 * {@code DELEGATION_RESULT} in the caller's governor. A LangChain4j tool executor does not receive Warden's
 * governance context, so the caller's governor must be wired with this tool's {@link #contextObserver()} (captures the
 * caller's context at the delegate's {@code TOOL_CALL}) and {@link #resultLabelsPlane()} (raises the delegate's
 * {@code TOOL_RESULT} labels to the callee's result labels, so they join the caller's context). Without that wiring
 * the tool refuses every call ({@link DelegationCodes#CONTEXT_UNAVAILABLE}): fail closed.
 *
 * <pre>{@code
 * DelegateTool delegate = new DelegateTool(delegator, List.of("researcher", "writer"));
 * Governor governor = delegate.wire(Governor.builder().plane(dataFlow)).auditSink(sink).build();
 * ToolRegistry tools = delegate.register(ToolRegistry.builder(), governor).build();
 * GovernedAgent supervisor = GovernedAgent.builder().id("supervisor").tools(tools).governor(governor)...build();
 * }</pre>
 *
 * <p>Thread-safe. The executor blocks its thread until the callee answers (bounded by the delegation timeout):
 * give caller agents a {@code blockingExecutor} when they run on an event loop.
 */
public final class DelegateTool {
    /** The tool name the model sees. */
    public static final String NAME = "delegate";

    private final Delegator delegator;
    private final List<String> targets;
    private final DelegationContextTracker tracker = new DelegationContextTracker(NAME, 10_000);
    private final ToolDescriptor descriptor;

    /** @param targets agents the model may name (shown to it as an enum); each must be in the directory */
    public DelegateTool(Delegator delegator, List<String> targets) {
        this.delegator = Objects.requireNonNull(delegator, "delegator");
        this.targets = List.copyOf(new LinkedHashSet<>(targets));
        if (this.targets.isEmpty()) {
            throw new IllegalArgumentException("a delegate tool needs at least one target agent");
        }
        StringBuilder desc = new StringBuilder("Hand a task to another agent and get its answer. Agents:");
        for (String t : this.targets) {
            AgentCard c = delegator.directory().find(t).orElseThrow(() -> new IllegalArgumentException(
                    "delegate target '" + t + "' is not in the directory"));
            desc.append("\n- ").append(t).append(": ").append(c.description());
        }
        JsonObjectSchema params = JsonObjectSchema.builder()
                .addEnumProperty("agent", this.targets, "the agent to hand the task to")
                .addStringProperty("task", "the task, self-contained")
                .addProperty("scopes", JsonArraySchema.builder().items(new JsonStringSchema())
                        .description("optional: narrow the callee's rights to these scopes").build())
                .required("agent", "task")
                .build();
        ToolSpecification spec = ToolSpecification.builder().name(NAME).description(desc.toString())
                .parameters(params).build();
        this.descriptor = new ToolDescriptor(NAME, spec, Set.of(Effect.DELEGATION), Labels.UNRESTRICTED,
                Labels.PUBLIC, Risk.MEDIUM, true);
    }

    public ToolDescriptor descriptor() {
        return descriptor;
    }

    /** Must be added to the caller's governor. */
    public DecisionObserver contextObserver() {
        return tracker;
    }

    /** Must be added to the caller's governor (priority 50: before the built-in planes label the result). */
    public PolicyPlane resultLabelsPlane() {
        return tracker.labelsPlane();
    }

    /** Adds {@link #contextObserver()} and {@link #resultLabelsPlane()} to a governor under construction. */
    public Governor.Builder wire(Governor.Builder builder) {
        return builder.observer(contextObserver()).plane(resultLabelsPlane());
    }

    /** Registers the tool for an agent governed by {@code callerGovernor} (which must be {@link #wire wired}). */
    public ToolRegistry.Builder register(ToolRegistry.Builder tools, Governor callerGovernor) {
        if (!callerGovernor.planes().contains(tracker.labelsPlane())) {
            throw new IllegalArgumentException("the caller's governor is not wired for delegation: build it with "
                    + "DelegateTool.wire(...)");
        }
        return tools.tool(descriptor, executor(callerGovernor));
    }

    private ToolExecutor executor(Governor governor) {
        return new ToolExecutor() {
            @Override
            public String execute(ToolExecutionRequest call, Object memoryId) {
                return DelegateTool.this.execute(governor, call, memoryId, null);
            }

            @Override
            public dev.langchain4j.service.tool.ToolExecutionResult executeWithContext(ToolExecutionRequest call,
                    dev.langchain4j.invocation.InvocationContext context) {
                // the runtime passes the requester's answer to a waiting callee here; the model cannot
                CalleeConfirmations.Answer answer = CalleeConfirmations.answer(context.invocationParameters());
                String text = DelegateTool.this.execute(governor, call, context.chatMemoryId(), answer);
                return dev.langchain4j.service.tool.ToolExecutionResult.builder().resultText(text).build();
            }
        };
    }

    private String execute(Governor governor, ToolExecutionRequest call, Object memoryId,
            CalleeConfirmations.Answer answer) {
        {
            String runId = memoryId == null ? null : memoryId.toString();
            DelegationContextTracker.Captured captured = tracker.take(runId, call.id());
            if (captured == null) {
                return "Delegation refused [" + DelegationCodes.CONTEXT_UNAVAILABLE
                        + "]: the caller's governance context is unavailable";
            }
            Map<String, Object> args = captured.arguments();
            Object agent = args.get("agent");
            Object task = args.get("task");
            if (!(agent instanceof String a) || !(task instanceof String t) || t.isBlank()) {
                return "Delegation refused [" + DelegationCodes.MALFORMED_REQUEST + "]: agent and task are required";
            }
            Set<String> scopes = new LinkedHashSet<>();
            if (args.get("scopes") instanceof List<?> l) {
                l.forEach(s -> scopes.add(String.valueOf(s)));
            }
            GovernanceContext caller = captured.context();
            DelegationOutcome out = answer != null && a.equals(answer.relay().calleeAgentId())
                    ? delegator.answer(governor, caller, answer.relay(), answer.resolution(), captured.step(),
                            io.opentelemetry.context.Context.current()).await().indefinitely()
                    : delegator.delegate(governor, caller, new DelegationRequest(a, t, scopes, null,
                            captured.step())).await().indefinitely();
            if (out.callee() != null && out.callee().awaiting() != null
                    && out.callee().status() == dev.warden.core.agent.RunStatus.AWAITING_CONFIRMATION) {
                // the callee waits for the requester: this run asks them instead (decision 0039)
                CalleeConfirmations.awaiting(a, out.callee().awaiting());
                return out.output();
            }
            if (out.delivered()) {
                tracker.resultLabels(runId, call.id(), out.labels());
                // the values the answer holds stay value-scoped in the caller's run (decision 0029)
                ResultLabels.declareValues(out.base(), out.values());
            }
            return out.output();
        }
    }

    List<String> targets() {
        return new ArrayList<>(targets);
    }
}
