package dev.warden.core.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import dev.warden.core.Outcome;
import dev.warden.core.WardenCodes;
import dev.warden.core.tools.ToolAuthorization;
import dev.warden.core.tools.ToolOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A LangChain4j {@link ToolProvider} whose executors run every call through the governed executor
 * ({@code TOOL_CALL} → tool → {@code TOOL_RESULT}). Give an {@code AiServices} agent <em>only</em> this provider, never
 * the raw tool objects, and the tools are unreachable around the checkpoints.
 *
 * <p>{@code AiServices} cannot suspend a conversation, so a call that needs approval is refused here with
 * {@link WardenCodes#APPROVAL_UNSUPPORTED}; use {@link dev.warden.core.agent.GovernedAgent} for approval flows.
 */
public final class GovernedToolProvider implements ToolProvider {
    private final Supplier<GovernanceSession> session;

    public GovernedToolProvider(Supplier<GovernanceSession> session) {
        this.session = session;
    }

    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        GovernanceSession s = session.get();
        Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
        for (ToolSpecification spec : s.tools().registry().specifications()) {
            tools.put(spec, (call, memoryId) -> execute(s, call));
        }
        return new ToolProviderResult(tools);
    }

    private static String execute(GovernanceSession s, dev.langchain4j.agent.tool.ToolExecutionRequest call) {
        ToolAuthorization auth = s.tools().authorize(call, s.context(), s.step(), s.attributes(), s.otel())
                .await().indefinitely();
        s.note(auth.verdict());
        if (auth.verdict().outcome() == Outcome.REQUIRE_APPROVAL) {
            return "Tool call refused [" + WardenCodes.APPROVAL_UNSUPPORTED + "]: " + auth.verdict().reason()
                    + " (human approval is required and cannot be requested from this conversation)";
        }
        if (auth.verdict().outcome() == Outcome.REQUIRE_CONFIRMATION) {
            return "Tool call refused [" + WardenCodes.CONFIRMATION_UNSUPPORTED + "]: " + auth.verdict().reason()
                    + " (the user must confirm this exact call, which cannot be asked from this conversation)";
        }
        if (!auth.permitted()) {
            return auth.refusalMessage(s.tools().feedback());
        }
        ToolOutcome out = s.tools().execute(auth, s.context(), s.step(), s.attributes(), s.otel())
                .await().indefinitely();
        s.note(out.resultVerdict());
        s.usage(u -> u.plusToolCall());
        if (out.delivered()) {
            s.raise(out.contentLabels());
        }
        return out.messageForModel();
    }
}
