package dev.warden.quarkus.anthropic;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * A LangChain4j {@link ChatModel} for Anthropic's Messages API ({@code POST <base-url>/messages}), carrying tool
 * specifications as {@code tools} and tool calls as {@code tool_use} / {@code tool_result} blocks, on the JDK HTTP
 * client. The wire mapping is LangChain4j's {@code langchain4j-anthropic}; this class adds what a governed runtime needs
 * around it:
 * <ul>
 *   <li>a missing key fails the call with {@link AnthropicCodes#MISSING_API_KEY}, not at construction, so a service
 *       whose agents use another model starts without one;</li>
 *   <li>every failure becomes an {@link AnthropicModelException} with a stable code and the HTTP status, so the run
 *       fails closed with a reason an operator can act on (the key is never in the message).</li>
 * </ul>
 *
 * <pre>{@code
 * ChatModel claude = new AnthropicMessagesModel(AnthropicSettings.of("https://api.anthropic.com/v1",
 *         System.getenv("ANTHROPIC_API_KEY"), "claude-sonnet-4-5"));
 * }</pre>
 *
 * <p>Thread-safe: one instance serves concurrent runs.
 */
public final class AnthropicMessagesModel implements ChatModel {
    private static final Logger LOG = Logger.getLogger(AnthropicMessagesModel.class);
    private static final int MAX_DETAIL = 300;

    private final AnthropicSettings settings;
    private final ChatModel delegate;

    public AnthropicMessagesModel(AnthropicSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.delegate = settings.apiKey().map(key -> build(settings, key)).orElse(null);
    }

    private static ChatModel build(AnthropicSettings s, String key) {
        Duration t = s.timeout();
        return AnthropicChatModel.builder()
                // explicitly the JDK client: never whichever HttpClientBuilderFactory ServiceLoader happens to find
                .httpClientBuilder(JdkHttpClient.builder().connectTimeout(t).readTimeout(t))
                .baseUrl(s.baseUrl())
                .apiKey(key)
                .version(s.anthropicVersion())
                .modelName(s.modelName())
                .maxTokens(s.maxTokens())
                .temperature(s.temperature().orElse(null))
                .timeout(t)
                .maxRetries(s.maxRetries())
                .logRequests(s.logRequests())
                .logResponses(s.logRequests())
                .build();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return call(request);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return call(request);
    }

    private ChatResponse call(ChatRequest request) {
        if (delegate == null) {
            throw new AnthropicModelException(AnthropicCodes.MISSING_API_KEY, 0, "no Anthropic API key configured; "
                    + "set ANTHROPIC_API_KEY or warden.anthropic.api-key", null);
        }
        try {
            return delegate.chat(request);
        } catch (RuntimeException e) {
            AnthropicModelException failure = translate(e);
            LOG.warnf("Anthropic call to %s (model %s) failed: %s", settings.baseUrl(), settings.modelName(),
                    failure.getMessage());
            throw failure;
        }
    }

    private AnthropicModelException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return new AnthropicModelException(AnthropicCodes.ERROR_STATUS, http.statusCode(), "Anthropic answered"
                        + " HTTP " + http.statusCode() + hint(http.statusCode()) + ": " + detail(http.getMessage()), e);
            }
        }
        return new AnthropicModelException(AnthropicCodes.UNREACHABLE, 0, "Anthropic at " + settings.baseUrl()
                + " could not be reached or did not answer in time: " + detail(rootMessage(e)), e);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the API key)";
            case 404 -> " (check warden.anthropic.base-url and model-name)";
            case 429 -> " (rate limited)";
            case 529 -> " (overloaded)";
            default -> "";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }

    private static String detail(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.ANTHROPIC;
    }

    /** The settings this model was built with ({@link AnthropicSettings#toString()} hides the key). */
    public AnthropicSettings settings() {
        return settings;
    }
}
