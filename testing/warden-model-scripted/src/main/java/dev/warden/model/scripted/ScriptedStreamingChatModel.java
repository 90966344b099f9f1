package dev.warden.model.scripted;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The streaming face of a scripted (or any blocking) {@link ChatModel}: it asks the model for its whole answer, then
 * streams it as a provider would — the text in chunks ({@link Builder#chunkChars}, or any {@link Builder#chunker}),
 * each tool call's arguments as partial tool calls, then the complete response. For tests and the offline demo.
 *
 * <p>Without a {@link Builder#delay} the chunks are delivered on the calling thread before {@code chat} returns; with
 * one, on the {@link Builder#executor} (default: a new daemon thread per call), one chunk per delay, so a reader can
 * go away mid-answer. Cancelling the {@link StreamingHandle} stops the stream: no further callback is made
 * ({@link #cancelled()} counts such calls).
 *
 * <pre>{@code
 * StreamingChatModel streaming = ScriptedStreamingChatModel.of(scripted).chunkChars(4)
 *         .delay(Duration.ofMillis(2)).build();
 * }</pre>
 */
public final class ScriptedStreamingChatModel implements StreamingChatModel {
    private final ChatModel model;
    private final Function<String, List<String>> chunker;
    private final Duration delay;
    private final Executor executor;
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    private ScriptedStreamingChatModel(Builder b) {
        this.model = b.model;
        this.chunker = b.chunker;
        this.delay = b.delay;
        this.executor = b.executor;
    }

    public static Builder of(ChatModel model) {
        return new Builder(model);
    }

    /** Calls whose stream was cancelled before it completed. */
    public int cancelled() {
        return cancelled.get();
    }

    /** Streaming calls served. */
    public int calls() {
        return calls.get();
    }

    /** Splits {@code text} into chunks of {@code size} characters (the last may be shorter). */
    public static List<String> chunks(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        calls.incrementAndGet();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        Handle handle = new Handle();
        Runnable stream = () -> stream(response, handler, handle);
        if (delay.isZero()) {
            stream.run();
        } else if (executor != null) {
            executor.execute(stream);
        } else {
            Thread t = new Thread(stream, "scripted-stream");
            t.setDaemon(true);
            t.start();
        }
    }

    private void stream(ChatResponse response, StreamingChatResponseHandler handler, Handle handle) {
        try {
            AiMessage ai = response.aiMessage();
            if (ai.text() != null) {
                for (String chunk : chunker.apply(ai.text())) {
                    if (!pause(handle)) {
                        return;
                    }
                    handler.onPartialResponse(new PartialResponse(chunk), new PartialResponseContext(handle));
                }
            }
            int index = 0;
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                for (String part : chunks(call.arguments() == null ? "" : call.arguments(), 8)) {
                    if (!pause(handle)) {
                        return;
                    }
                    handler.onPartialToolCall(PartialToolCall.builder().index(index).id(call.id()).name(call.name())
                            .partialArguments(part).build(), new PartialToolCallContext(handle));
                }
                handler.onCompleteToolCall(new CompleteToolCall(index++, call));
            }
            if (!pause(handle)) {
                return;
            }
            handler.onCompleteResponse(response);
        } catch (RuntimeException e) {
            handler.onError(e);
        }
    }

    /** Waits one delay; false once the stream was cancelled (or the thread interrupted). */
    private boolean pause(Handle handle) {
        if (!delay.isZero()) {
            // parkNanos, not sleep: sub-millisecond delays stay sub-millisecond (benchmarks use them)
            long until = System.nanoTime() + delay.toNanos();
            for (long left = delay.toNanos(); left > 0; left = until - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted()) {
                    handle.cancel();
                    break;
                }
            }
        }
        if (handle.isCancelled()) {
            cancelled.incrementAndGet();
            return false;
        }
        return true;
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    private static final class Handle implements StreamingHandle {
        private volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }

    /** Configures the chunking. */
    public static final class Builder {
        private final ChatModel model;
        private Function<String, List<String>> chunker = text -> chunks(text, 4);
        private Duration delay = Duration.ZERO;
        private Executor executor;

        private Builder(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Fixed-size chunks (default 4 characters, about one token). */
        public Builder chunkChars(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("chunk size must be positive");
            }
            chunker = text -> chunks(text, size);
            return this;
        }

        /** Any split of the answer text (chunks must concatenate to the text). */
        public Builder chunker(Function<String, List<String>> value) {
            chunker = Objects.requireNonNull(value);
            return this;
        }

        /** Pause before each chunk; non-zero streams on another thread. */
        public Builder delay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
            delay = value;
            return this;
        }

        /** Where delayed streams run. */
        public Builder executor(Executor value) {
            executor = value;
            return this;
        }

        public ScriptedStreamingChatModel build() {
            return new ScriptedStreamingChatModel(this);
        }
    }
}
