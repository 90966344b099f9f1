package dev.warden.core.agent;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.RefusalFeedback;
import dev.warden.core.internal.InterruptibleCalls;
import dev.warden.core.langchain4j.ProviderToolNames;
import dev.warden.core.telemetry.ModelCallSpans;
import dev.warden.core.tools.GovernedToolExecutor;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.spi.ConversationStore;
import dev.warden.spi.SuspendedRunStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What a {@link GovernedAgent.Builder} configured, checked and with its defaults applied: the settings the run loop
 * and its parts read ({@link GovernedAgent#settings()}). Immutable.
 */
final class AgentSettings {
    private final AgentIdentity identity;
    private final String systemMessage;
    private final ChatModel model;
    private final StreamingChatModel streamingModel;
    private final int holdBackChars;
    private final String modelName;
    private final String providerName;
    private final GovernedToolExecutor tools;
    private final Governor governor;
    private final SuspendedRunStore store;
    private final Executor blockingExecutor;
    private final Executor boundedExecutor;
    private final ProviderToolNames toolNames;
    private final int maxSteps;
    private final int maxToolCalls;
    private final int maxInputChars;
    private final int maxModelAnswerChars;
    private final Duration runTimeout;
    private final Supplier<String> ids;
    private final RefusalFeedback refusalFeedback;
    private final ConversationStore memory;
    private final ApprovalEvents approvalEvents;

    AgentSettings(GovernedAgent.Builder b) {
        this.identity = Objects.requireNonNull(b.identity, "identity");
        this.model = Objects.requireNonNull(b.model, "model");
        this.streamingModel = b.streamingModel;
        if (b.holdBackChars < 0) {
            throw new IllegalArgumentException("holdBackChars must not be negative");
        }
        this.holdBackChars = b.holdBackChars;
        this.governor = Objects.requireNonNull(b.governor, "governor");
        this.systemMessage = b.systemMessage;
        this.modelName = b.modelName == null ? "unknown" : b.modelName;
        this.providerName = b.providerName != null ? b.providerName : providerOf(b.model);
        this.blockingExecutor = b.blockingExecutor;
        this.refusalFeedback = b.refusalFeedback == null ? RefusalFeedback.DETAILED : b.refusalFeedback;
        this.tools = new GovernedToolExecutor(b.tools == null ? ToolRegistry.builder().build() : b.tools, governor,
                b.blockingExecutor, refusalFeedback);
        this.toolNames = ProviderToolNames.of(tools.registry().names());
        this.boundedExecutor = b.blockingExecutor == null ? InterruptibleCalls.shared() : b.blockingExecutor;
        this.store = b.store == null ? new InMemorySuspendedRunStore() : b.store;
        this.maxSteps = positive(b.maxSteps, "maxSteps");
        this.maxToolCalls = positive(b.maxToolCalls, "maxToolCalls");
        this.maxInputChars = positive(b.maxInputChars, "maxInputChars");
        this.maxModelAnswerChars = positive(b.maxModelAnswerChars, "maxModelAnswerChars");
        if (b.runTimeout != null && (b.runTimeout.isNegative() || b.runTimeout.isZero())) {
            throw new IllegalArgumentException("runTimeout must be positive");
        }
        this.runTimeout = b.runTimeout;
        this.ids = b.ids == null ? () -> UUID.randomUUID().toString() : b.ids;
        this.memory = b.memory;
        this.approvalEvents = new ApprovalEvents(b.approvalObservers);
    }

    private static String providerOf(ChatModel model) {
        try {
            ModelProvider p = model.provider();
            return p == null ? "unknown" : p.name().toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return v;
    }

    AgentIdentity identity() {
        return identity;
    }

    String systemMessage() {
        return systemMessage;
    }

    ChatModel model() {
        return model;
    }

    /** The model streaming runs use, or {@code null} (they release the blocking model's answer instead). */
    StreamingChatModel streamingModel() {
        return streamingModel;
    }

    /** Characters a streamed answer holds back for screening (decision 0035). */
    int holdBackChars() {
        return holdBackChars;
    }

    String modelName() {
        return modelName;
    }

    String providerName() {
        return providerName;
    }

    /** The model the agent's requests name (the model's own setting, e.g. {@code gpt-4o-mini}), else its name here. */
    String requestModel() {
        String m = ModelCallSpans.requestModel(null, model);
        return m == null ? modelName : m;
    }

    GovernedToolExecutor tools() {
        return tools;
    }

    Governor governor() {
        return governor;
    }

    SuspendedRunStore store() {
        return store;
    }

    Executor blockingExecutor() {
        return blockingExecutor;
    }

    /** Where model calls run while a deadline bounds the run: never the awaiting thread, so they can be cut off. */
    Executor boundedExecutor() {
        return boundedExecutor;
    }

    /** Tool names as providers accept them, for the requests this agent sends to its model. */
    ProviderToolNames toolNames() {
        return toolNames;
    }

    int maxSteps() {
        return maxSteps;
    }

    /** The largest model answer (text, thinking and tool calls, in chars) the planes are given; larger is refused. */
    int maxModelAnswerChars() {
        return maxModelAnswerChars;
    }

    int maxToolCalls() {
        return maxToolCalls;
    }

    int maxInputChars() {
        return maxInputChars;
    }

    /** This agent's own wall-clock budget per run, or {@code null} (bounded only by a caller's deadline). */
    Duration runTimeout() {
        return runTimeout;
    }

    Supplier<String> ids() {
        return ids;
    }

    /** How much the model is told when a policy refuses one of its calls. */
    RefusalFeedback refusalFeedback() {
        return refusalFeedback;
    }

    /** Where conversations are kept across runs, or {@code null} (each run starts afresh). */
    ConversationStore memory() {
        return memory;
    }

    ApprovalEvents approvalEvents() {
        return approvalEvents;
    }
}
