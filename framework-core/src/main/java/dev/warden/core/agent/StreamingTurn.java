package dev.warden.core.agent;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.streaming.HoldBackWindow;
import dev.warden.core.streaming.PlaneScreens;
import dev.warden.core.streaming.StreamRefusedException;
import dev.warden.core.streaming.TextScreens;
import dev.warden.core.telemetry.ModelCallSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One model turn of a streaming run: text goes through the hold-back window to the reader while the model writes it;
 * tool calls are only collected (LangChain4j assembles them), so nothing runs before the loop puts each through
 * {@code TOOL_CALL}. A screen's refusal cancels the model call and fails the turn with
 * {@link StreamRefusedException}; a departed reader fails it with {@link StreamSession.ReaderGone}.
 */
final class StreamingTurn {
    private StreamingTurn() {}

    /** The streamed answer passed the agent's bound: the model was stopped (decision 0066). */
    static final class AnswerTooLarge extends RuntimeException {
        final long chars;

        AnswerTooLarge(long chars) {
            super("the model's answer passed its bound at " + chars + " chars", null, false, false);
            this.chars = chars;
        }
    }

    /** Streams with the agent's streaming model, or runs {@code blocking} and releases its text through the window. */
    static Uni<ChatResponse> call(GovernedAgent agent, RunState s, ChatRequest request,
            Supplier<Uni<ChatResponse>> blocking) {
        HoldBackWindow window = new HoldBackWindow(s.stream.windowChars(), screens(agent, s));
        StreamingChatModel model = agent.settings().streamingModel();
        if (model == null) {
            return blocking.get().map(r -> {
                String text = r == null || r.aiMessage() == null ? null : r.aiMessage().text();
                if (!s.stream.holdsAnswer()) { // held whole: delivered after AGENT_OUTPUT (AgentLoop#output)
                    s.stream.deliver(s.runId, s.step, window.offer(text));
                    s.stream.deliver(s.runId, s.step, window.flush());
                }
                return r;
            });
        }
        // the loop goes on off the client's callback thread (an event loop for reactive clients): tools may block
        Uni<ChatResponse> call = Uni.createFrom().<ChatResponse>emitter(em -> stream(agent, s, model, request, window,
                em)).emitOn(agent.settings().boundedExecutor()); // the blocking executor if set, else the shared one
        if (s.deadline == null) {
            return call;
        }
        java.time.Duration left = s.deadline.remaining(agent.settings().governor().clock());
        if (left.isNegative() || left.isZero()) { // already past: the run's limit, not an argument error (review14 L2)
            return Uni.createFrom().failure(new dev.warden.core.internal.InterruptibleCalls.LimitExceeded(
                    java.time.Duration.ZERO));
        }
        return dev.warden.core.Deadlines.within(call, left,
                        () -> {
                    s.stream.stopModel();
                    return new dev.warden.core.internal.InterruptibleCalls.LimitExceeded(
                            s.deadline.remaining(agent.settings().governor().clock()));
                });
    }

    private static TextScreens screens(GovernedAgent agent, RunState s) {
        return PlaneScreens.of(agent.settings().governor().planesAt(Checkpoint.AGENT_OUTPUT), text -> new CheckpointRequest(
                Checkpoint.AGENT_OUTPUT, s.step, null, null, null, text, s.ctx.labels(), "user", s.attributes),
                s.ctx);
    }

    private static void stream(GovernedAgent agent, RunState s, StreamingChatModel model, ChatRequest request,
            HoldBackWindow window, UniEmitter<? super ChatResponse> em) {
        AtomicBoolean over = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong size = new java.util.concurrent.atomic.AtomicLong();
        int bound = agent.settings().maxModelAnswerChars();
        String requested = ModelCallSpans.requestModel(request, null);
        AgentSettings settings = agent.settings();
        boolean traced = settings.governor().telemetry().emitsModelSpan(settings.model()); // the same provider client
        Span span = traced ? ModelCallSpans.start(settings.governor().telemetry().tracer(), s.otel, settings.providerName(),
                requested == null ? settings.modelName() : requested) : Span.getInvalid();
        StreamingChatResponseHandler handler = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                s.stream.streaming(context.streamingHandle());
                onPartialResponse(partial.text());
            }

            @Override
            public void onPartialResponse(String text) {
                if (live() && within(text)) {
                    release(() -> window.offer(text));
                }
            }

            @Override
            public void onPartialThinking(dev.langchain4j.model.chat.response.PartialThinking partial) {
                if (live()) {
                    within(partial.text());
                }
            }

            @Override
            public void onPartialToolCall(dev.langchain4j.model.chat.response.PartialToolCall partial) {
                if (live()) {
                    within(partial.partialArguments());
                }
            }

            /** Counts a piece of the answer; past the bound, the model is stopped and the turn fails. */
            private boolean within(String piece) {
                long n = size.addAndGet(piece == null ? 0 : piece.length());
                if (n <= bound) {
                    return true;
                }
                end(new AnswerTooLarge(n));
                s.stream.stopModel();
                return false;
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                if (!live() || !release(window::flush)) {
                    return;
                }
                if (over.compareAndSet(false, true)) {
                    ModelCallSpans.response(span, response);
                    span.end();
                    em.complete(agent.settings().toolNames().fromProvider(response));
                }
            }

            @Override
            public void onError(Throwable error) {
                end(s.stream.cancelled() ? new StreamSession.ReaderGone() : error);
            }

            /** Whether callbacks still count: the turn has not ended, and the reader is still there. */
            private boolean live() {
                if (over.get()) {
                    return false;
                }
                if (s.stream.cancelled()) {
                    end(new StreamSession.ReaderGone());
                    return false;
                }
                return true;
            }

            /** Delivers what the window releases; false when a screen refused (the turn ended). */
            private boolean release(Supplier<String> released) {
                try {
                    if (!s.stream.holdsAnswer()) { // held whole: delivered after AGENT_OUTPUT (AgentLoop#output)
                        s.stream.deliver(s.runId, s.step, released.get());
                    }
                    return true;
                } catch (StreamRefusedException e) {
                    end(e);
                    s.stream.stopModel(); // the model stops writing what can no longer be delivered
                    return false;
                }
            }

            private void end(Throwable failure) {
                if (over.compareAndSet(false, true)) {
                    ModelCallSpans.failed(span, failure);
                    span.end();
                    em.fail(failure);
                }
            }
        };
        s.stream.abortWith(() -> handler.onError(new StreamSession.ReaderGone()));
        em.onTermination(() -> {
            s.stream.abortWith(null);
            if (!over.get()) {
                s.stream.stopModel(); // the turn was cut off from outside (deadline): stop the model
            }
        });
        try (Scope ignored = s.otel.with(span).makeCurrent()) {
            model.chat(request, handler);
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }
}
