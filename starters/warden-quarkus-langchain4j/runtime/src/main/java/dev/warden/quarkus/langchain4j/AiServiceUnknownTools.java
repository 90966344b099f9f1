package dev.warden.quarkus.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import java.util.function.Function;

/**
 * What an AI service does when its model asks for a tool the service does not have: a governed refusal, recorded at
 * {@code TOOL_CALL} with {@link WardenCodes#UNKNOWN_TOOL} like the agent loop's, and a tool result telling the model
 * the call was not executed — instead of LangChain4j's default, an exception that surfaced as HTTP 500. Installed as
 * the service's hallucinated-tool-name strategy. Outside an invocation it still refuses, with an anonymous context.
 */
final class AiServiceUnknownTools implements Function<ToolExecutionRequest, ToolExecutionResultMessage> {
    private final String service;
    private final Governor governor;
    private final AiServiceInvocations invocations;

    AiServiceUnknownTools(String service, Governor governor, AiServiceInvocations invocations) {
        this.service = service;
        this.governor = governor;
        this.invocations = invocations;
    }

    @Override
    public ToolExecutionResultMessage apply(ToolExecutionRequest call) {
        String name = call == null || call.name() == null ? "<none>" : call.name();
        String id = call == null ? null : call.id();
        AiServiceInvocations.Frame frame = invocations.current();
        String reason = "unknown tool '" + name + "': AI service '" + AiServiceSessions.agentId(service)
                + "' has no such tool";
        AiServiceStreams.Stream bound = AiServiceStreams.bound(); // a TokenStream's tools run outside any frame
        AiServiceSessions.Session s = frame != null && frame.service.equals(service) ? frame.session()
                : bound != null && bound.service.equals(service) ? bound.session : null;
        if (s != null) {
            GovernanceContext ctx = s.context();
            CheckpointRequest req = CheckpointRequest.toolCall(s.step(), ToolDescriptor.named(name), id, null)
                    .withAttributes(s.attributes());
            governor.record(req, ctx, Verdict.synthetic(req, Outcome.DENY, reason, WardenCodes.UNKNOWN_TOOL), null);
        }
        return ToolExecutionResultMessage.from(id, name, "Tool call refused by policy [" + WardenCodes.UNKNOWN_TOOL
                + "]: " + reason + ". The call was not executed; answer without it.");
    }
}
