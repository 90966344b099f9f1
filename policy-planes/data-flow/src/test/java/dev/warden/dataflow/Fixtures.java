package dev.warden.dataflow;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.Risk;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.PlaneScreens;
import dev.warden.core.streaming.TextScreens;
import dev.warden.spi.PolicyPlane;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared descriptors, contexts and requests for the plane's unit tests. */
final class Fixtures {
    private Fixtures() {}

    static final String ATTACKER_IBAN = "GB33BUKB20201555555555";
    static final String FRIEND_IBAN = "DE89370400440532013000";

    static final ToolDescriptor SEND_MONEY = tool("send_money", Labels.UNRESTRICTED, Labels.PUBLIC, Effect.FINANCIAL,
            Effect.WRITE);
    static final ToolDescriptor TRANSACTIONS = tool("get_transactions", Labels.UNRESTRICTED,
            Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL").withIntegrity(Integrity.UNTRUSTED), Effect.READ);
    static final ToolDescriptor CRM = tool("crm_lookup", Labels.UNRESTRICTED, Labels.of(Confidentiality.INTERNAL),
            Effect.READ);
    static final ToolDescriptor PUBLIC_POST = tool("post_public", Labels.of(Confidentiality.PUBLIC), Labels.PUBLIC,
            Effect.WRITE);

    static ToolDescriptor tool(String name, Labels sink, Labels source, Effect... effects) {
        return new ToolDescriptor(name, ToolSpecification.builder().name(name).build(), Set.of(effects), sink, source,
                Risk.LOW, true);
    }

    static GovernanceContext context(String runId) {
        return GovernanceContext.of(Principal.of("alice", "customer"), AgentIdentity.of("bank-agent"))
                .withTask(TaskContext.of(runId));
    }

    static Map<String, Object> userInput(String text) {
        return Map.of(CheckpointAttributes.USER_INPUT, text);
    }

    static CheckpointRequest result(ToolDescriptor tool, String content, String userText) {
        return new CheckpointRequest(Checkpoint.TOOL_RESULT, 1, tool, "c1", null, content, tool.sourceLabels(),
                tool.name(), userInput(userText));
    }

    static CheckpointRequest call(ToolDescriptor tool, Map<String, Object> args, String userText) {
        return CheckpointRequest.toolCall(2, tool, "c2", args).withAttributes(userInput(userText));
    }

    /** The screens a governed stream applies to an answer on the user channel: {@code plane} at AGENT_OUTPUT. */
    static TextScreens answerScreens(PolicyPlane plane) {
        return PlaneScreens.of(List.of(plane), text -> new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 1, null, null,
                null, text, null, DataFlowConfig.USER_CHANNEL, null), context("stream"));
    }

    /** What a user receives when {@code chunks} of an answer stream through a default hold-back window. */
    static String streamThrough(TextScreens screens, List<String> chunks) {
        HoldBackWindow window = new HoldBackWindow(HoldBackWindow.DEFAULT_CHARS, screens);
        StringBuilder out = new StringBuilder();
        chunks.forEach(c -> out.append(window.offer(c)));
        return out.append(window.flush()).toString();
    }

    /** {@link #streamThrough(TextScreens, List)} over {@code plane}'s {@link #answerScreens answer screens}. */
    static String streamThrough(DataFlowPlane plane, List<String> chunks) {
        return streamThrough(answerScreens(plane), chunks);
    }
}
