package dev.warden.core.telemetry;

import static dev.warden.core.telemetry.GenAiConventions.*;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code chat {model}} span around one model call, in the GenAI conventions' terms: LangChain4j's provider names
 * mapped to the registry's {@code gen_ai.provider.name} values, the model the request actually names, finish reasons
 * in the conventions' vocabulary. Stateless.
 */
public final class ModelCallSpans {
    private ModelCallSpans() {}

    /** {@code gen_ai.provider.name} when LangChain4j cannot say ({@link dev.langchain4j.model.ModelProvider#OTHER}). */
    public static final String UNKNOWN_PROVIDER = "_OTHER";

    /** LangChain4j {@code ModelProvider} names (lower case) to the registry's well-known values. */
    private static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("open_ai", "openai"),
            Map.entry("azure_open_ai", "azure.ai.openai"),
            Map.entry("anthropic", "anthropic"),
            Map.entry("amazon_bedrock", "aws.bedrock"),
            Map.entry("google_ai_gemini", "gcp.gemini"),
            Map.entry("google_vertex_ai_gemini", "gcp.vertex_ai"),
            Map.entry("google_vertex_ai_anthropic", "gcp.vertex_ai"),
            Map.entry("mistral_ai", "mistral_ai"),
            Map.entry("watsonx", "ibm.watsonx.ai"),
            Map.entry("github_models", "azure.ai.inference"),
            Map.entry("microsoft_foundry", "azure.ai.inference"),
            Map.entry("ollama", "ollama"),
            Map.entry("other", UNKNOWN_PROVIDER),
            Map.entry("unknown", UNKNOWN_PROVIDER));

    /** Listeners known to emit a model span already (Quarkus LangChain4j with OpenTelemetry). */
    private static final Set<String> TRACING_LISTENERS =
            Set.of("io.quarkiverse.langchain4j.runtime.listeners.SpanChatModelListener");

    /**
     * The registry's {@code gen_ai.provider.name} for a provider as Warden names it (LangChain4j's
     * {@code ModelProvider} in lower case, e.g. {@code open_ai}); a name that is not LangChain4j's is kept (a
     * custom value, which the conventions allow), a missing one is {@value #UNKNOWN_PROVIDER}.
     */
    public static String providerName(String provider) {
        if (provider == null || provider.isBlank()) {
            return UNKNOWN_PROVIDER;
        }
        return PROVIDERS.getOrDefault(provider.toLowerCase(Locale.ROOT), provider);
    }

    /** {@code gen_ai.response.finish_reasons} entry for a LangChain4j finish reason. */
    public static String finishReason(FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_call";
            case CONTENT_FILTER -> "content_filter";
            default -> reason.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * The model a request goes to: the request's own model name, else the model's default request parameters
     * (where LangChain4j providers keep the configured {@code gpt-4o-mini}); {@code null} when neither says.
     */
    public static String requestModel(ChatRequest request, ChatModel model) {
        String name = request == null ? null : request.modelName();
        if (name == null && model != null) {
            try {
                ChatRequestParameters p = model.defaultRequestParameters();
                name = p == null ? null : p.modelName();
            } catch (RuntimeException e) {
                name = null; // a model that cannot describe itself is still called; the span just lacks the name
            }
        }
        return name;
    }

    /** Whether {@code model} already emits a model span through one of its listeners. */
    public static boolean tracedByClient(ChatModel model) {
        try {
            List<ChatModelListener> listeners = model.listeners();
            return listeners != null && listeners.stream().anyMatch(l -> l != null && isTracing(l.getClass()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The class or one of its superclasses (a CDI client proxy or subclass extends the bean class) traces. */
    private static boolean isTracing(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRACING_LISTENERS.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code chat {model}} (CLIENT) under {@code parent}; the name is {@code chat} when the model is unknown. */
    public static Span start(Tracer tracer, Context parent, String provider, String model) {
        var b = tracer.spanBuilder(model == null ? OP_CHAT : OP_CHAT + " " + model)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION_NAME, OP_CHAT)
                .setAttribute(PROVIDER_NAME, providerName(provider));
        if (model != null) {
            b.setAttribute(REQUEST_MODEL, model);
        }
        return b.startSpan();
    }

    /** Records the response (model, id, finish reason, usage) on {@code span}; does not end it. */
    public static void response(Span span, ChatResponse r) {
        if (r == null) {
            return;
        }
        TokenUsage u = r.tokenUsage();
        if (u != null) {
            if (u.inputTokenCount() != null) {
                span.setAttribute(USAGE_INPUT_TOKENS, (long) u.inputTokenCount());
            }
            if (u.outputTokenCount() != null) {
                span.setAttribute(USAGE_OUTPUT_TOKENS, (long) u.outputTokenCount());
            }
        }
        if (r.modelName() != null) {
            span.setAttribute(RESPONSE_MODEL, r.modelName());
        }
        if (r.id() != null) {
            span.setAttribute(RESPONSE_ID, r.id());
        }
        if (r.finishReason() != null) {
            span.setAttribute(RESPONSE_FINISH_REASONS, List.of(finishReason(r.finishReason())));
        }
    }

    /** Marks {@code span} failed: status ERROR, {@code error.type} the exception's class name. */
    public static void failed(Span span, Throwable e) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ERROR_TYPE, e.getClass().getName());
    }
}
