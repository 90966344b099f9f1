package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.PlaneDecision;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.StreamRefusedException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One streamed model turn of an AI service, between the provider's client and Quarkus LangChain4j's handler: text is
 * released through the hold-back window; the complete response passes {@code MODEL_RESPONSE} before Quarkus
 * LangChain4j sees it (it runs the turn's tool calls only then, each through {@code TOOL_CALL}). A screen's refusal
 * stops the model, is audited at {@code AGENT_OUTPUT} with the digest of what had been delivered, and ends the stream
 * with a {@link PolicyDeniedException} carrying the screen's code; nothing held back is released. Callbacks come from
 * one producer at a time.
 */
final class AiServiceStreamTurn implements StreamingChatResponseHandler {
    private final StreamingChatResponseHandler target;
    private final HoldBackWindow window;
    private final AiServiceStreams.Stream stream;
    private final AiServiceModelTurns.Turn turn;
    private final Governor governor;
    private final AiServiceMemoryLabels memory;
    private final AtomicBoolean over = new AtomicBoolean();
    /** {@code warden.limits.max-model-answer-chars}: text, thinking and tool-call pieces counted as they stream. */
    private final int bound;
    private final AtomicLong size = new AtomicLong();

    AiServiceStreamTurn(StreamingChatResponseHandler target, HoldBackWindow window, AiServiceStreams.Stream stream,
            AiServiceModelTurns.Turn turn, Governor governor, AiServiceMemoryLabels memory, int bound) {
        this.bound = bound;
        this.target = target;
        this.window = window;
        this.stream = stream;
        this.turn = turn;
        this.governor = governor;
        this.memory = memory;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle(context.streamingHandle());
        offer(partial.text(), context);
    }

    @Override
    public void onPartialResponse(String text) {
        offer(text, null);
    }

    @Override
    public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
        handle(context.streamingHandle());
        if (live() && within(thinking.text())) {
            target.onPartialThinking(thinking, context);
        }
    }

    @Override
    public void onPartialThinking(PartialThinking thinking) {
        if (live() && within(thinking.text())) {
            target.onPartialThinking(thinking);
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
        handle(context.streamingHandle());
        if (live() && within(call.partialArguments())) { // announced only: Quarkus LangChain4j runs a tool from the
            // complete response, after MODEL_RESPONSE
            target.onPartialToolCall(call, context);
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall call) {
        if (live() && within(call.partialArguments())) {
            target.onPartialToolCall(call);
        }
    }

    /**
     * Not passed on: LangChain4j starts a tool from this event when its handler has a tool executor (concurrent tool
     * execution), which would be before {@code MODEL_RESPONSE}. Tools run from the complete, governed response only.
     */
    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        // deliberately dropped
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        if (!live()) {
            return;
        }
        try {
            if (!stream.holdsAnswer()) {
                release(window.flush(), null);
            }
        } catch (StreamRefusedException e) {
            refused(e);
            return;
        }
        Verdict out;
        try {
            out = AiServiceModelTurns.responded(governor, stream.session, turn, response, bound);
        } catch (PolicyDeniedException e) {
            end(e);
            return;
        }
        AiMessage ai = response.aiMessage();
        String text = out.effectiveRequest().content();
        boolean rewritten = out.outcome() == Outcome.TRANSFORM && text != null && !text.equals(ai.text());
        if (rewritten && !window.delivered().isEmpty()) {
            end(rewriteOfDelivered());
            return;
        }
        AiMessage effective = !rewritten ? ai : ai.hasToolExecutionRequests()
                ? new AiMessage(text, ai.toolExecutionRequests()) : AiMessage.from(text);
        stream.governedResponse();
        if (stream.holdsAnswer() && !effective.hasToolExecutionRequests()) {
            try { // the final answer, held back whole: decided before any of it is released
                release(AiServiceStreamOutput.decide(governor, stream, effective.text(), false), null);
            } catch (PolicyDeniedException e) {
                end(e);
                return;
            }
        }
        memory.save(stream.session.context(), turn.request().messages(), turn.own(), effective);
        if (over.compareAndSet(false, true)) {
            ChatResponse governed = rewritten ? response.toBuilder().aiMessage(effective).build() : response;
            if (!stream.tokens) {
                target.onCompleteResponse(governed);
                return;
            }
            // LangChain4j runs the turn's tools and the next model call inside this call, with no invocation id
            try (AiServiceStreams.Binding bound = AiServiceStreams.bind(stream)) {
                target.onCompleteResponse(governed);
            } catch (RuntimeException e) { // e.g. a tool failing: the caller hears of it instead of the provider
                target.onError(e);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        end(stream.cancelled() ? new CancellationException("the reader of the stream went away") : error);
    }

    private void offer(String text, PartialResponseContext context) {
        if (!live() || !within(text) || stream.holdsAnswer()) { // held whole: released once AGENT_OUTPUT decided
            return;
        }
        try {
            release(window.offer(text), context);
        } catch (StreamRefusedException e) {
            refused(e);
        }
    }

    /**
     * Counts a piece of the answer as the core's streamed turns do; past the bound the model is stopped and the turn
     * refused ({@code WARDEN-CORE-0146}, audited at MODEL_RESPONSE without the answer): nothing past it is screened
     * or delivered.
     */
    private boolean within(String piece) {
        long n = size.addAndGet(piece == null ? 0 : piece.length());
        if (n <= bound) {
            return true;
        }
        stream.stopModel();
        if (!over.get()) {
            java.util.Map<String, Object> attrs = new java.util.HashMap<>(turn.attributes());
            try {
                end(AiServiceModelTurns.tooLarge(governor, stream.session, turn, attrs, n, bound));
            } catch (RuntimeException e) { // the refusal could not be recorded: the turn still ends refused
                end(e);
            }
        }
        return false;
    }

    private void release(String text, PartialResponseContext context) {
        if (text.isEmpty()) {
            return;
        }
        stream.delivered(text);
        if (context != null) {
            target.onPartialResponse(new PartialResponse(text), context);
        } else {
            target.onPartialResponse(text);
        }
    }

    /** A screen refused a piece: audited at AGENT_OUTPUT with the digest of what was delivered; the stream ends. */
    private void refused(StreamRefusedException r) {
        stream.stopModel(); // the model stops writing what can no longer be delivered
        Decision d = r.refusal();
        Outcome outcome = d instanceof Decision.Failure ? Outcome.ERROR : Outcome.DENY;
        CheckpointRequest req = delivered();
        Verdict v = governor.record(req, stream.session.context(), new Verdict(Checkpoint.AGENT_OUTPUT, outcome,
                "streamed answer stopped: " + d.reason(), d.code(), List.of(new PlaneDecision(r.plane(), d, 0)),
                List.of(), req, null, 0), null);
        end(new PolicyDeniedException(v));
    }

    private PolicyDeniedException rewriteOfDelivered() {
        CheckpointRequest req = delivered();
        return AiServiceRefusals.deny(governor, req, stream.session.context(), "a policy rewrote text already "
                + "streamed to the reader at MODEL_RESPONSE; delivered text cannot be taken back",
                WardenCodes.STREAM_REWRITE_AFTER_DELIVERY);
    }

    private CheckpointRequest delivered() {
        AiServiceSessions.Session s = stream.session;
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, turn.step(), null, null, null, stream.delivered(),
                s.context().labels(), "user", s.attributes());
    }

    private void handle(StreamingHandle h) {
        if (h != null) {
            stream.streaming(h);
        }
    }

    /** Whether callbacks still go through: not ended, and the reader is still there. */
    private boolean live() {
        if (over.get()) {
            return false;
        }
        if (stream.cancelled()) {
            stream.stopModel();
            end(new CancellationException("the reader of the stream went away"));
            return false;
        }
        return true;
    }

    private void end(Throwable failure) {
        if (over.compareAndSet(false, true)) {
            target.onError(failure);
        }
    }
}
