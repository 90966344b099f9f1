package dev.warden.quarkus.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.IllegalConfigurationException;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * What the caller of a {@code TokenStream} AI-service method gets (decision 0046): LangChain4j's token stream, built
 * by Quarkus LangChain4j for this invocation, behind the same governance as a {@code Multi<String>} method.
 * <ul>
 *   <li>{@code start()} binds the invocation's stream to the thread while LangChain4j makes its first model call, so
 *       the governed streaming model finds it ({@code MODEL_REQUEST} before the provider is called); each later call
 *       and every tool call happen inside the delivery of a governed turn, bound the same way
 *       ({@link AiServiceStreamTurn}), so tools pass {@code TOOL_CALL} with the invocation's user and labels;</li>
 *   <li>{@code onPartialResponse} receives only text released by the hold-back window and output screens;</li>
 *   <li>{@code onCompleteResponse} is called once {@code AGENT_OUTPUT} allowed exactly the delivered text, with a
 *       response whose message is that text (never the model's raw text); a refusal goes to {@code onError} as a
 *       {@link dev.warden.core.PolicyDeniedException} carrying the code, and nothing held back is released;</li>
 *   <li>cancelling through the {@link StreamingHandle} of a {@code PartialResponseContext} cancels the model call and
 *       is audited ({@code WARDEN-STR-0661}); nothing more is reported to the caller after that;</li>
 *   <li>callbacks that would hand out content no output screen judged — thinking, partial tool calls, intermediate
 *       responses, tool executions, retrieved contents — are refused before the model is called
 *       ({@link AiServiceCodes#TOKEN_STREAM_CALLBACK_NOT_GOVERNED}, through {@code onError}).</li>
 * </ul>
 * Registration is single-threaded, as LangChain4j's; callbacks may come from any thread.
 */
final class GovernedTokenStream implements TokenStream {
    private static final Logger LOG = Logger.getLogger(GovernedTokenStream.class);

    private final TokenStream delegate;
    private final AiServiceStreams.Stream stream;
    private final AiServiceStreamedCalls calls;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final StreamingHandle handle = new ReaderHandle();
    private final Set<String> ungoverned = new TreeSet<>();
    private final Registration<Consumer<ChatResponse>> completion = new Registration<>();
    private final Registration<Consumer<Throwable>> errors = new Registration<>(); // onError or ignoreErrors

    GovernedTokenStream(TokenStream delegate, AiServiceStreams.Stream stream, AiServiceStreamedCalls calls) {
        this.delegate = delegate;
        this.stream = stream;
        this.calls = calls;
    }

    @Override
    public TokenStream onPartialResponse(Consumer<String> handler) {
        delegate.onPartialResponse(text -> {
            if (!finished.get()) {
                handler.accept(text);
            }
        });
        return this;
    }

    @Override
    public TokenStream onPartialResponseWithContext(BiConsumer<PartialResponse, PartialResponseContext> handler) {
        delegate.onPartialResponseWithContext((partial, context) -> {
            if (!finished.get()) { // the caller cancels through Warden, so the abort is audited
                handler.accept(partial, new PartialResponseContext(handle));
            }
        });
        return this;
    }

    @Override
    public TokenStream onPartialThinking(Consumer<PartialThinking> handler) {
        return ungoverned("onPartialThinking");
    }

    @Override
    public TokenStream onPartialThinkingWithContext(BiConsumer<PartialThinking, PartialThinkingContext> handler) {
        return ungoverned("onPartialThinkingWithContext");
    }

    @Override
    public TokenStream onPartialToolCall(Consumer<PartialToolCall> handler) {
        return ungoverned("onPartialToolCall");
    }

    @Override
    public TokenStream onPartialToolCallWithContext(BiConsumer<PartialToolCall, PartialToolCallContext> handler) {
        return ungoverned("onPartialToolCallWithContext");
    }

    @Override
    public TokenStream onRetrieved(Consumer<List<Content>> handler) {
        return ungoverned("onRetrieved");
    }

    @Override
    public TokenStream onIntermediateResponse(Consumer<ChatResponse> handler) {
        return ungoverned("onIntermediateResponse");
    }

    @Override
    public TokenStream beforeToolExecution(Consumer<BeforeToolExecution> handler) {
        return ungoverned("beforeToolExecution");
    }

    @Override
    public TokenStream onToolExecuted(Consumer<ToolExecution> handler) {
        return ungoverned("onToolExecuted");
    }

    @Override
    public TokenStream onCompleteResponse(Consumer<ChatResponse> handler) {
        return completion.register(handler);
    }

    @Override
    public TokenStream onError(Consumer<Throwable> handler) {
        return errors.register(handler);
    }

    @Override
    public TokenStream ignoreErrors() {
        return errors.register(null);
    }

    @Override
    public void start() {
        if (completion.times > 1) {
            throw new IllegalConfigurationException("onCompleteResponse can be invoked on TokenStream at most 1 time");
        }
        if (errors.times != 1) {
            throw new IllegalConfigurationException("One of [onError, ignoreErrors] must be invoked on TokenStream"
                    + " exactly 1 time");
        }
        if (!ungoverned.isEmpty()) {
            failed(calls.refuseBeforeModel(stream, "this TokenStream registers " + String.join(", ", ungoverned)
                    + ", which would hand out model content no output screen judged; a governed TokenStream offers"
                    + " onPartialResponse, onCompleteResponse and onError",
                    AiServiceCodes.TOKEN_STREAM_CALLBACK_NOT_GOVERNED));
            return;
        }
        delegate.onCompleteResponse(this::completed).onError(this::failed);
        try (AiServiceStreams.Binding bound = AiServiceStreams.bind(stream)) {
            delegate.start();
        } catch (IllegalConfigurationException e) {
            finish();
            throw e;
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private TokenStream ungoverned(String callback) {
        ungoverned.add(callback);
        return this;
    }

    /** The model's last turn passed: AGENT_OUTPUT on exactly what was delivered, then the caller's completion. */
    private void completed(ChatResponse response) {
        if (stream.cancelled() || finished.get()) {
            return;
        }
        String text;
        try {
            text = calls.delivered(stream);
        } catch (RuntimeException refused) {
            failed(refused);
            return;
        }
        if (!finish()) {
            return;
        }
        if (completion.handler != null) {
            completion.handler.accept(response.toBuilder().aiMessage(AiMessage.from(text)).build());
        }
    }

    private void failed(Throwable error) {
        if (!finish() || stream.cancelled()) {
            return; // after the caller cancelled, nothing more is reported (as LangChain4j does)
        }
        if (errors.handler != null) {
            errors.handler.accept(error);
        } else {
            LOG.debugf(error, "governed TokenStream of %s ended with an error (errors ignored)", stream.service);
        }
    }

    /** Ends the stream once; {@code false} when it had ended already. */
    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        calls.finished(stream);
        return true;
    }

    /**
     * A terminal callback the caller registers: the last handler registered wins, and how often it was registered is
     * checked at {@code start()}, as LangChain4j does.
     */
    private final class Registration<H> {
        private H handler;
        private int times;

        TokenStream register(H h) {
            handler = h;
            times++;
            return GovernedTokenStream.this;
        }
    }

    /** The caller's way to cancel: the model call in flight is cancelled and the abort audited. */
    private final class ReaderHandle implements StreamingHandle {
        @Override
        public void cancel() {
            if (!stream.cancelled() && !finished.get()) {
                calls.cancelled(stream);
                finish();
            }
        }

        @Override
        public boolean isCancelled() {
            return stream.cancelled();
        }
    }
}
