package dev.warden.quarkus.anthropic;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings an {@link AnthropicMessagesModel} is built from: {@link AnthropicConfig} in a Quarkus service, or written
 * directly in plain Java.
 *
 * <pre>{@code
 * var settings = AnthropicSettings.of("https://api.anthropic.com/v1", System.getenv("ANTHROPIC_API_KEY"),
 *         "claude-sonnet-4-5");
 * ChatModel model = new AnthropicMessagesModel(settings);
 * }</pre>
 *
 * @param baseUrl absolute http(s) URL of the API including its version segment
 * @param apiKey the key; empty makes every call fail with {@link AnthropicCodes#MISSING_API_KEY}
 * @param modelName model id
 * @param maxTokens most tokens generated per step, positive
 * @param timeout connect and read timeout, positive
 * @param anthropicVersion {@code anthropic-version} header value
 * @param maxRetries retries of retriable failures, zero or more
 * @param temperature sampling temperature, API default when empty
 * @param logRequests log request and response bodies
 */
public record AnthropicSettings(String baseUrl, Optional<String> apiKey, String modelName, int maxTokens,
        Duration timeout, String anthropicVersion, int maxRetries, Optional<Double> temperature,
        boolean logRequests) {

    public AnthropicSettings {
        baseUrl = checkedBaseUrl(baseUrl);
        apiKey = Objects.requireNonNull(apiKey, "apiKey").filter(k -> !k.isBlank());
        modelName = required(modelName, "model-name");
        anthropicVersion = required(anthropicVersion, "anthropic-version");
        temperature = Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(timeout, "timeout");
        if (maxTokens <= 0 || timeout.isNegative() || timeout.isZero() || maxRetries < 0) {
            throw bad("max-tokens and timeout must be positive and max-retries not negative");
        }
    }

    /** Defaults for everything but the endpoint, key and model. */
    public static AnthropicSettings of(String baseUrl, String apiKey, String modelName) {
        return new AnthropicSettings(baseUrl, Optional.ofNullable(apiKey), modelName, 1024, Duration.ofSeconds(60),
                "2023-06-01", 2, Optional.empty(), false);
    }

    static AnthropicSettings from(AnthropicConfig c) {
        return new AnthropicSettings(c.baseUrl(), c.apiKey(), c.modelName(), c.maxTokens(), c.timeout(),
                c.anthropicVersion(), c.maxRetries(), c.temperature(), c.logRequests());
    }

    public AnthropicSettings withMaxRetries(int value) {
        return new AnthropicSettings(baseUrl, apiKey, modelName, maxTokens, timeout, anthropicVersion, value,
                temperature, logRequests);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AnthropicSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isPresent() ? "***" : "<none>")
                + ", modelName=" + modelName + ", maxTokens=" + maxTokens + ", timeout=" + timeout
                + ", anthropicVersion=" + anthropicVersion + ", maxRetries=" + maxRetries + "]";
    }

    private static String checkedBaseUrl(String value) {
        String url = required(value, "base-url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw bad("base-url '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw bad("base-url '" + url + "' must be an absolute http(s) URL such as https://api.anthropic.com/v1");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw bad(name + " must not be blank");
        }
        return value;
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(AnthropicCodes.BAD_CONFIGURATION + ": warden.anthropic." + message);
    }
}
