package dev.warden.redteam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A scripted stand-in for a compromised LLM: turn {@code i} of the conversation (the number of model messages already
 * in it) asks for the calls of planned turn {@code i}; after the plan it answers with every tool result it saw. Tool
 * call ids of attack turns start with {@code atk-}, so the harness can tell which verdicts stopped the attacker.
 *
 * <p>Driven by the conversation, not by a counter, so a run suspended for approval and resumed continues where it
 * stopped. One instance per run; thread-safe for the loop's sequential calls.
 *
 * <p>A string argument may contain {@value #LAST_RESULT}: it is replaced by the text of the latest tool result in the
 * conversation (empty before the first), so a plan can forward what one agent returned to another, as a supervisor
 * model does.
 */
public final class PlanModel implements ChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Placeholder for the latest tool result in a planned call's string arguments. */
    public static final String LAST_RESULT = "{{last_result}}";

    private final List<PlannedTurn> plan;
    private final String injectionMarker;
    private final Set<String> attackCallIds = Collections.synchronizedSet(new HashSet<>());
    private volatile boolean attackedBeforeDelivery;
    private volatile boolean delivered;

    /**
     * @param plan the turns to play
     * @param injectionMarker text that shows the injection reached the model (a tool result contains it)
     */
    public PlanModel(List<PlannedTurn> plan, String injectionMarker) {
        this.plan = List.copyOf(plan);
        this.injectionMarker = injectionMarker == null ? null : ScenarioText.marker(injectionMarker);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        int turn = 0;
        List<String> results = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m instanceof AiMessage) {
                turn++;
            } else if (m instanceof ToolExecutionResultMessage r) {
                results.add(r.text());
            }
        }
        if (injectionMarker != null && results.stream().anyMatch(t -> t != null
                && ScenarioText.marker(t).contains(injectionMarker))) {
            delivered = true;
        }
        AiMessage ai;
        if (turn < plan.size()) {
            PlannedTurn t = plan.get(turn);
            if (t.attack() && !delivered) {
                attackedBeforeDelivery = true;
            }
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (int i = 0; i < t.calls().size(); i++) {
                Scenario.ToolCallSpec c = t.calls().get(i);
                String id = (t.attack() ? "atk-" : "usr-") + turn + "-" + i;
                if (t.attack()) {
                    attackCallIds.add(id);
                }
                String last = results.isEmpty() || results.get(results.size() - 1) == null ? ""
                        : results.get(results.size() - 1);
                calls.add(ToolExecutionRequest.builder().id(id).name(c.tool()).arguments(json(c, last)).build());
            }
            ai = calls.isEmpty() ? AiMessage.from("(nothing to do)") : AiMessage.from(calls);
        } else {
            ai = AiMessage.from("Done. " + String.join("\n", results));
        }
        return ChatResponse.builder().aiMessage(ai).modelName("red-team-plan")
                .finishReason(ai.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .build();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** Ids of the tool calls made on the attacker's behalf so far. */
    public Set<String> attackCallIds() {
        synchronized (attackCallIds) {
            return Set.copyOf(attackCallIds);
        }
    }

    /** Whether a tool result carrying the injection reached the model. */
    public boolean injectionDelivered() {
        return delivered;
    }

    /** Whether an attack turn was played before the injection was seen (a model compromised from the start). */
    public boolean attackedBeforeDelivery() {
        return attackedBeforeDelivery;
    }

    private static String json(Scenario.ToolCallSpec c, String lastResult) {
        java.util.Map<String, Object> args = new java.util.LinkedHashMap<>();
        c.args().forEach((k, v) -> args.put(k, v instanceof String str ? str.replace(LAST_RESULT, lastResult) : v));
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments of " + c.tool() + " are not JSON: " + e.getMessage(), e);
        }
    }
}
