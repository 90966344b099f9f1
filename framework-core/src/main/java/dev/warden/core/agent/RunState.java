package dev.warden.core.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.RunDeadline;
import dev.warden.core.Verdict;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutable state of one run while it executes. Confined to one run: never shared between threads concurrently. */
final class RunState {
    final String runId;
    final List<ChatMessage> messages;
    /** Labels of each message, same order as {@link #messages}; {@code null} = unknown. Add through {@link #add}. */
    final List<Labels> labels;
    /** What the last model request carried (withheld parts excluded): the labels of the model's answer to it. */
    Labels sent = Labels.PUBLIC;
    /**
     * Field splits of delivered tool results (decision 0069), by message identity; a message without one (or a run
     * resumed from storage, which keeps none) is withheld whole when above a model's clearance.
     */
    final Map<ChatMessage, dev.warden.core.tools.FieldSplit> splits = new java.util.IdentityHashMap<>();
    final ArrayDeque<ToolExecutionRequest> queue = new ArrayDeque<>();
    final List<DecisionSummary> decisions;
    final String userInput;
    final Map<String, Object> attributes;
    GovernanceContext ctx;
    int step;
    int toolCalls;
    Span agentSpan;
    /** When the run must end, or {@code null} when nothing bounds it. */
    RunDeadline deadline;
    Context otel;
    /** Whether the run's decision list names planes that simply allowed, too. */
    boolean includeAllows;
    /** The reader of a streaming run, or {@code null} when the run is not streamed. */
    StreamSession stream;

    RunState(String runId, List<ChatMessage> messages, GovernanceContext ctx, String userInput,
            List<DecisionSummary> decisions, int step, int toolCalls) {
        this(runId, messages, null, ctx, userInput, decisions, step, toolCalls);
    }

    /**
     * @param labels per-message labels; when absent (a run suspended before labels were stored) every message is
     *     bounded by the run's context label, the join of everything the run has seen
     */
    RunState(String runId, List<ChatMessage> messages, List<Labels> labels, GovernanceContext ctx, String userInput,
            List<DecisionSummary> decisions, int step, int toolCalls) {
        this.runId = runId;
        this.messages = new ArrayList<>(messages);
        this.labels = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            this.labels.add(labels != null && labels.size() == messages.size() ? labels.get(i)
                    : messages.get(i) instanceof SystemMessage ? Labels.PUBLIC : ctx.labels());
        }
        this.ctx = ctx;
        this.userInput = userInput;
        this.attributes = attributesOf(ctx, userInput);
        this.decisions = new ArrayList<>(decisions);
        this.step = step;
        this.toolCalls = toolCalls;
    }

    /**
     * What every checkpoint of the run carries about its input. A person's run: their input is the user's request. A
     * run a delegation started: the input is the caller model's task ({@link CheckpointAttributes#DELEGATED_TASK}),
     * and the user's request is the root request of the run's principal, or absent (decision 0073). A run with no
     * chain whose context already carries a root request (an application running an agent from inside a tool with
     * its parent's context) is treated the same way: the root request is the user's, a different input is not
     * (review13 L3).
     */
    static Map<String, Object> attributesOf(GovernanceContext ctx, String input) {
        if (ctx.chain().isEmpty() && ctx.task().request() == null) {
            return input == null ? Map.of() : Map.of(CheckpointAttributes.USER_INPUT, input);
        }
        Map<String, Object> out = new java.util.HashMap<>(2);
        String root = dev.warden.core.RootRequest.textFor(ctx);
        if (root != null) {
            out.put(CheckpointAttributes.USER_INPUT, root);
        }
        if (input != null && !(ctx.chain().isEmpty() && input.equals(root))) {
            out.put(CheckpointAttributes.DELEGATED_TASK, input);
        }
        return Map.copyOf(out);
    }

    void add(ChatMessage message, Labels messageLabels) {
        messages.add(message);
        labels.add(messageLabels);
    }

    void note(Verdict v) {
        DecisionSummary d = DecisionSummary.of(step, v, includeAllows);
        decisions.add(d);
        if (stream != null) {
            stream.emit(new RunEvent.Decision(runId, d));
        }
    }
}
