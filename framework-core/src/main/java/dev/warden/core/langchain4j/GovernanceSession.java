package dev.warden.core.langchain4j;

import dev.warden.core.CheckpointAttributes;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Usage;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.Verdict;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolRegistry;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The governance state of one conversation run through a LangChain4j {@code AiServices} proxy: who is acting, the
 * context label reached so far, the step counter and the decisions taken. The decorated model and the governed tool
 * provider share it, so labels raised by a tool result are seen by the next model call and the final output.
 */
public final class GovernanceSession {
    private final Governor governor;
    private final GovernedToolExecutor tools;
    private final AtomicReference<GovernanceContext> context;
    private final AtomicInteger step = new AtomicInteger();
    private final AtomicReference<String> userInput = new AtomicReference<>();
    private final List<DecisionSummary> decisions = java.util.Collections.synchronizedList(new ArrayList<>());

    public GovernanceSession(Governor governor, ToolRegistry tools, GovernanceContext initial) {
        this.governor = Objects.requireNonNull(governor, "governor");
        this.tools = new GovernedToolExecutor(tools, governor, null);
        this.context = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    public GovernanceContext context() {
        return context.get();
    }

    public List<DecisionSummary> decisions() {
        return List.copyOf(decisions);
    }

    Governor governor() {
        return governor;
    }

    GovernedToolExecutor tools() {
        return tools;
    }

    int nextStep() {
        return step.incrementAndGet();
    }

    int step() {
        return step.get();
    }

    void rememberUserInput(String text) {
        if (text != null) {
            userInput.compareAndSet(null, text);
        }
    }

    Map<String, Object> attributes() {
        String in = userInput.get();
        return in == null ? Map.of() : Map.of(CheckpointAttributes.USER_INPUT, in);
    }

    void raise(Labels labels) {
        context.updateAndGet(c -> c.withLabelsJoined(labels));
    }

    void usage(java.util.function.UnaryOperator<Usage> change) {
        context.updateAndGet(c -> c.withUsage(change.apply(c.usage())));
    }

    Verdict note(Verdict v) {
        decisions.add(DecisionSummary.of(step.get(), v));
        return v;
    }

    Context otel() {
        return Context.current();
    }
}
