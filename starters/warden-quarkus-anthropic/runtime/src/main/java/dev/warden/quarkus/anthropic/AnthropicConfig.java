package dev.warden.quarkus.anthropic;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Anthropic's Messages API as a chat model, under {@code warden.anthropic.*}. Runtime configuration: the endpoint and
 * key can change between starts of the same build, and the two most common settings follow Anthropic's own
 * environment variables ({@code ANTHROPIC_BASE_URL}, {@code ANTHROPIC_API_KEY}).
 *
 * <pre>
 * warden.model=anthropic
 * warden.anthropic.model-name=claude-sonnet-4-5
 * warden.anthropic.max-tokens=2048
 * </pre>
 */
@ConfigMapping(prefix = "warden.anthropic")
public interface AnthropicConfig {

    /**
     * Base URL of the Messages API, up to and including the version segment; requests go to {@code <base-url>/messages}.
     * Defaults to the environment variable {@code ANTHROPIC_BASE_URL}, then to Anthropic's public endpoint.
     */
    @WithDefault("${ANTHROPIC_BASE_URL:https://api.anthropic.com/v1}")
    String baseUrl();

    /**
     * API key sent as {@code x-api-key}; defaults to the environment variable {@code ANTHROPIC_API_KEY}. Optional at
     * startup, so a service whose agents use another model never needs it; a call without it fails with
     * {@code WARDEN-ANT-0001}.
     */
    @WithDefault("${ANTHROPIC_API_KEY:}")
    Optional<String> apiKey();

    /** Model id sent with every request, e.g. {@code claude-sonnet-4-5} or {@code claude-haiku-4-5}. */
    @WithDefault("claude-sonnet-4-5")
    String modelName();

    /** Most tokens the model may generate per step ({@code max_tokens}, required by the API). */
    @WithDefault("1024")
    int maxTokens();

    /** Connect and read timeout of one HTTP call. */
    @WithDefault("60s")
    Duration timeout();

    /** Value of the {@code anthropic-version} header. */
    @WithDefault("2023-06-01")
    String anthropicVersion();

    /**
     * Retries of a failed call that may succeed when repeated (timeouts, HTTP 429 and 5xx such as 529 overloaded);
     * authentication and request errors are never retried. {@code 0} fails on the first error.
     */
    @WithDefault("2")
    int maxRetries();

    /** Sampling temperature; the API's default when absent. */
    Optional<Double> temperature();

    /** Log request and response bodies (at INFO, category {@code dev.langchain4j}); never enable with real data. */
    @WithDefault("false")
    boolean logRequests();
}
