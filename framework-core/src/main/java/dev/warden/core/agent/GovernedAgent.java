package dev.warden.core.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.RefusalFeedback;
import dev.warden.core.TaskContext;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.spi.ConversationStore;
import dev.warden.spi.SuspendedRunStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import dev.warden.core.internal.InterruptibleCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * An agent whose every model step, tool call and output passes a policy checkpoint.
 *
 * <p>The loop: {@code MODEL_REQUEST} → model → {@code MODEL_RESPONSE} → for each requested tool call
 * {@code TOOL_CALL} → tool → {@code TOOL_RESULT} (the context label rises with the result's labels) → next model step
 * … → {@code AGENT_OUTPUT}. A denied call is not executed and the model is told why, so it can recover; a transformed
 * call runs with the transformed arguments; a call that needs approval suspends the run
 * ({@link RunStatus#AWAITING_APPROVAL}) until {@link #resume} is called exactly once; a call that needs the
 * requester's confirmation suspends it ({@link RunStatus#AWAITING_CONFIRMATION}) until the requester answers through
 * {@link #confirm}, exactly once.
 *
 * <pre>{@code
 * GovernedAgent agent = GovernedAgent.builder()
 *         .identity(new AgentIdentity("banking-assistant", "1.0", "payments-team"))
 *         .model(chatModel).modelName("gpt-4o").providerName("openai")
 *         .tools(ToolRegistry.of(new BankingTools()))
 *         .governor(governor)
 *         .build();
 * RunResult r = agent.runBlocking("What is my balance?", Principal.of("alice", "customer"));
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent runs. Runs execute on the subscribing thread; configure a
 * {@link Builder#blockingExecutor(Executor)} to move blocking model and tool calls off an event loop.
 */
public final class GovernedAgent {
    private final AgentSettings settings;
    private final AgentLoop loop;

    private GovernedAgent(Builder b) {
        this.settings = new AgentSettings(b);
        this.loop = new AgentLoop(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a run for {@code user}. */
    public Uni<RunResult> run(String input, Principal user) {
        return run(input, GovernanceContext.of(user, settings.identity()));
    }

    /**
     * Starts a run in the given context (a delegated call passes the caller's chain and labels). The agent identity is
     * always this agent's; a missing run id is generated.
     */
    public Uni<RunResult> run(String input, GovernanceContext context) {
        return start(input, context, null);
    }

    /**
     * Starts a streaming run: like {@link #run(String, GovernanceContext)}, but the run reports to {@code listener} as
     * it goes ({@link RunEvent}) and the answer reaches it as {@link RunEvent.Token}s through the hold-back window
     * (decision 0035, {@code docs/streaming.md}): streamed by the {@link Builder#streamingModel streaming model} when
     * there is one, otherwise released from the blocking model's answer. The last event is the run's end.
     */
    public Uni<RunResult> run(String input, GovernanceContext context, RunListener listener) {
        return run(input, context, listener, null);
    }

    /**
     * A streaming run its caller can cancel: {@code cancel} (may be {@code null}) ends it as soon as it fires — the
     * model call in flight is cancelled and the run ends {@link RunStatus#CANCELLED} with a final
     * {@link RunEvent.Refused}, audited ({@code WARDEN-STR-0661}).
     */
    public Uni<RunResult> run(String input, GovernanceContext context, RunListener listener, CancelSignal cancel) {
        StreamSession session = listener == null ? null : new StreamSession(listener, settings.holdBackChars());
        if (session != null && cancel != null) {
            cancel.onCancel(session::cancel);
        }
        return start(input, context, session);
    }

    /**
     * The events of a streaming run ({@link #run(String, GovernanceContext, RunListener)}) as a {@link Multi}: the run
     * starts on subscription, on this agent's blocking executor (or the shared bounded one), and the stream completes
     * after the terminal event. Cancelling the subscription (the reader went away) cancels the model call in flight;
     * the run ends {@link RunStatus#CANCELLED}, audited ({@code WARDEN-STR-0661}). Events are buffered while the
     * subscriber is slower than the run (an answer's events are bounded by the run's step and tool limits).
     */
    public Multi<RunEvent> stream(String input, GovernanceContext context) {
        return StreamedRuns.events(session -> start(input, context, session), settings);
    }

    private Uni<RunResult> start(String input, GovernanceContext context, StreamSession session) {
        return Uni.createFrom().deferred(() -> {
            Objects.requireNonNull(context, "context");
            TaskContext task = context.task();
            String runId = task.runId() == null ? settings.ids().get() : task.runId();
            TaskContext started = task.withRunId(runId);
            if (context.chain().isEmpty() && task.request() == null && input != null) {
                // a person's run: their input is the root request every delegation of it carries (decision 0073)
                started = started.withRequest(dev.warden.core.RootRequest.of(context.user(), input));
            }
            GovernanceContext ctx = context.withAgent(settings.identity()).withTask(started);
            if (input == null || input.isBlank()) {
                return loop.refuseInput(ctx, "input is empty", session);
            }
            if (input.length() > settings.maxInputChars()) {
                return loop.refuseInput(ctx, "input exceeds " + settings.maxInputChars() + " characters", session);
            }
            return loop.start(input, ctx, session);
        });
    }

    /** Blocking convenience for {@link #run(String, Principal)}; do not call on an event-loop thread. */
    public RunResult runBlocking(String input, Principal user) {
        return run(input, user).await().indefinitely();
    }

    public RunResult runBlocking(String input, GovernanceContext context) {
        return run(input, context).await().indefinitely();
    }

    /**
     * Applies a human decision to a suspended run. The approver must not be the requester, must be in the requester's
     * tenant and hold one of the approver roles; otherwise an {@link ApprovalException} is emitted and the approval
     * stays pending. Of concurrent resumptions exactly one proceeds; the others fail with
     * {@link ApprovalException#ALREADY_RESOLVED}. Approval runs the exact call the approver saw, then continues the
     * loop; denial or expiry ends the run as {@link RunStatus#DENIED}.
     */
    public Uni<RunResult> resume(String approvalId, ApprovalResolution resolution) {
        return Uni.createFrom().deferred(() -> SuspendedRunAnswers.resume(settings, loop, approvalId, resolution));
    }

    public RunResult resumeBlocking(String approvalId, ApprovalResolution resolution) {
        return resume(approvalId, resolution).await().indefinitely();
    }

    /**
     * Applies the requester's answer to a call suspended for confirmation. Only the requester (same id and tenant) may
     * answer; to confirm, they must quote the {@link PendingApproval#argumentsDigest()} they were shown, and a digest
     * of any other arguments is refused with {@link ApprovalException#ARGUMENTS_CHANGED} (the confirmation stays
     * pending). Of concurrent answers exactly one proceeds. Confirming runs exactly the pending call, then continues
     * the loop; declining or expiry ends the run as {@link RunStatus#DENIED}. A later call — even of the same tool —
     * is decided afresh and needs its own confirmation.
     */
    public Uni<RunResult> confirm(String confirmationId, ConfirmationResolution answer) {
        return Uni.createFrom().deferred(() -> SuspendedRunAnswers.confirm(settings, loop, confirmationId, answer));
    }

    public RunResult confirmBlocking(String confirmationId, ConfirmationResolution answer) {
        return confirm(confirmationId, answer).await().indefinitely();
    }

    /** Ends every pending approval of this agent that has expired; returns the denied runs. */
    public List<RunResult> expireOverdue() {
        return SuspendedRunAnswers.expireOverdue(settings, loop);
    }

    public AgentIdentity identity() {
        return settings.identity();
    }

    public SuspendedRunStore store() {
        return settings.store();
    }

    public ToolRegistry toolRegistry() {
        return settings.tools().registry();
    }

    /** What this agent was configured with, defaults applied: what its run loop reads. */
    AgentSettings settings() {
        return settings;
    }

    /** Characters a streamed answer holds back for screening (decision 0035). */
    public int holdBackChars() {
        return settings.holdBackChars();
    }

    /**
     * The executor bounded blocking work runs on when none is configured: a shared pool of daemon threads whose idle
     * threads end after 30 s. Work started there can be interrupted when a deadline passes; callers that start runs
     * off their own thread (a local delegation endpoint) use it as their default.
     */
    public static Executor defaultBlockingExecutor() {
        return InterruptibleCalls.shared();
    }

    /** This agent's own wall-clock budget per run, or {@code null} (bounded only by a caller's deadline). */
    public Duration runTimeout() {
        return settings.runTimeout();
    }

    /** How much the model is told when a policy refuses one of its calls. */
    public RefusalFeedback refusalFeedback() {
        return settings.refusalFeedback();
    }

    /**
     * The labels of what a finished run's answer actually holds, by this agent's governor ({@link FlowLabels#of}):
     * what a caller receives from a delegated run, rather than everything the run saw.
     *
     * @param input what the run was asked (values typed there explain themselves)
     */
    public dev.warden.core.FlowLabels outputFlow(RunResult result, String input) {
        return dev.warden.core.FlowLabels.of(settings.governor(), result.context(), result.output(), input);
    }

    /** Where conversations are kept across runs, or {@code null} (each run starts afresh). */
    public ConversationStore memory() {
        return settings.memory();
    }

    /** Builds a {@link GovernedAgent}. Identity, model and governor are required. */
    public static final class Builder {
        AgentIdentity identity;
        String systemMessage;
        ChatModel model;
        dev.langchain4j.model.chat.StreamingChatModel streamingModel;
        int holdBackChars = dev.warden.core.streaming.HoldBackWindow.DEFAULT_CHARS;
        String modelName;
        String providerName;
        ToolRegistry tools;
        Governor governor;
        SuspendedRunStore store;
        Executor blockingExecutor;
        int maxSteps = 10;
        int maxToolCalls = 25;
        int maxInputChars = 32_000;
        int maxModelAnswerChars = dev.warden.core.langchain4j.ModelAnswerSize.DEFAULT_MAX_CHARS;
        Duration runTimeout;
        Supplier<String> ids;
        RefusalFeedback refusalFeedback;
        ConversationStore memory;
        final List<dev.warden.spi.ApprovalObserver> approvalObservers = new ArrayList<>();

        /**
         * Tells {@code observer} when a call of this agent starts waiting for a human and when that wait ends
         * (approved, denied, confirmed, declined, expired); see {@link dev.warden.spi.ApprovalObserver}. May be
         * called several times; observers are called in that order.
         */
        public Builder approvalObserver(dev.warden.spi.ApprovalObserver observer) {
            approvalObservers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Keeps conversations across runs: a run whose context names a conversation id continues that conversation
         * (its messages go to the model again) and starts at the labels of what it holds; the run's messages are
         * saved, each with its labels, when it ends. Default: none (every run starts afresh).
         */
        public Builder memory(ConversationStore value) {
            memory = value;
            return this;
        }

        /**
         * How much the model is told about refusals: {@link RefusalFeedback#DETAILED} (default: rule reason and
         * code) or {@link RefusalFeedback#MINIMAL} (code only). The audit trail keeps the detail either way.
         */
        public Builder refusalFeedback(RefusalFeedback value) {
            refusalFeedback = value;
            return this;
        }

        public Builder identity(AgentIdentity value) {
            identity = value;
            return this;
        }

        public Builder id(String agentId) {
            identity = AgentIdentity.of(agentId);
            return this;
        }

        public Builder systemMessage(String value) {
            systemMessage = value;
            return this;
        }

        public Builder model(ChatModel value) {
            model = value;
            return this;
        }

        /**
         * The streaming variant of the model, for {@link GovernedAgent#stream streaming runs}. It should be the same
         * deployment as {@link #model}: both see the same requests. Default: none (streaming runs release the
         * blocking model's answer through the hold-back window).
         */
        public Builder streamingModel(dev.langchain4j.model.chat.StreamingChatModel value) {
            streamingModel = value;
            return this;
        }

        /**
         * How many characters of a streamed answer are held back so the output screens (the data-flow plane's
         * detectors) see every value of up to that length whole, however it was split (default
         * {@value dev.warden.core.streaming.HoldBackWindow#DEFAULT_CHARS}; 0 screens each chunk alone). Larger windows
         * cover longer values (tokens, keys) and delay the first token by as many characters.
         */
        public Builder holdBackChars(int value) {
            holdBackChars = value;
            return this;
        }

        /** Model name for {@code gen_ai.request.model}. */
        public Builder modelName(String value) {
            modelName = value;
            return this;
        }

        /** Provider for {@code gen_ai.provider.name} (openai, anthropic, ollama…); derived from the model if unset. */
        public Builder providerName(String value) {
            providerName = value;
            return this;
        }

        public Builder tools(ToolRegistry value) {
            tools = value;
            return this;
        }

        /** Registers every {@code @Tool} method of the given objects. */
        public Builder tools(Object... toolObjects) {
            tools = ToolRegistry.of(toolObjects);
            return this;
        }

        public Builder governor(Governor value) {
            governor = value;
            return this;
        }

        public Builder store(SuspendedRunStore value) {
            store = value;
            return this;
        }

        /** Where blocking model and tool calls run (worker or virtual threads); default: the subscribing thread. */
        public Builder blockingExecutor(Executor value) {
            blockingExecutor = value;
            return this;
        }

        public Builder maxSteps(int value) {
            maxSteps = value;
            return this;
        }

        public Builder maxToolCalls(int value) {
            maxToolCalls = value;
            return this;
        }

        public Builder maxInputChars(int value) {
            maxInputChars = value;
            return this;
        }

        /**
         * Largest model answer accepted (chars of text, thinking and tool calls; a stream is cut off past it): larger
         * is refused at {@code MODEL_RESPONSE} with {@code WARDEN-CORE-0146}, audited, unscanned. Default 1 MiB.
         */
        public Builder maxModelAnswerChars(int value) {
            maxModelAnswerChars = value;
            return this;
        }

        /**
         * Wall-clock budget of one run (and of a resumption after approval; waiting for the approver does not
         * count). When it passes, the model call, tool or delegated run in flight is cancelled (its thread
         * interrupted, so a provider client sends no retry), nothing more starts, and the run ends
         * {@link RunStatus#TIMED_OUT} with {@code WARDEN-CORE-0240}, audited. A run started inside another run (a
         * delegation) also ends by its caller's deadline, whichever is earlier. Default: none of its own.
         */
        public Builder runTimeout(Duration value) {
            runTimeout = value;
            return this;
        }

        /** Id generator for runs and approvals (tests use deterministic ids). */
        public Builder ids(Supplier<String> value) {
            ids = value;
            return this;
        }

        public GovernedAgent build() {
            return new GovernedAgent(this);
        }
    }
}
