package dev.warden.quarkus.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code warden.anthropic.*} resolution: documented defaults, Anthropic's own environment variables, explicit
 * properties over both. (Environment variables are one more config source, so a source holding
 * {@code ANTHROPIC_BASE_URL} stands in for the process environment.)
 */
class AnthropicConfigTest {

    private static AnthropicConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // expands ${ANTHROPIC_BASE_URL:...} as Quarkus does
                .withMapping(AnthropicConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus' "60s" form
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
        return config.getConfigMapping(AnthropicConfig.class);
    }

    @Test
    void defaults_point_at_the_public_api_without_a_key() {
        AnthropicSettings s = AnthropicSettings.from(config(Map.of()));

        assertThat(s.baseUrl()).isEqualTo("https://api.anthropic.com/v1/");
        assertThat(s.apiKey()).isEmpty();
        assertThat(s.modelName()).isEqualTo("claude-sonnet-4-5");
        assertThat(s.maxTokens()).isEqualTo(1024);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.anthropicVersion()).isEqualTo("2023-06-01");
        assertThat(s.maxRetries()).isEqualTo(2);
        assertThat(s.temperature()).isEmpty();
    }

    @Test
    void anthropic_environment_variables_set_endpoint_and_key_without_rebuilding() {
        AnthropicSettings s = AnthropicSettings.from(config(Map.of(
                "ANTHROPIC_BASE_URL", "http://gateway.internal:8080/anthropic/v1",
                "ANTHROPIC_API_KEY", "sk-ant-from-env")));

        assertThat(s.baseUrl()).isEqualTo("http://gateway.internal:8080/anthropic/v1/");
        assertThat(s.apiKey()).hasValue("sk-ant-from-env");
    }

    @Test
    void explicit_properties_win_over_the_environment() {
        AnthropicSettings s = AnthropicSettings.from(config(Map.of(
                "ANTHROPIC_BASE_URL", "http://from-env/v1",
                "warden.anthropic.base-url", "http://explicit/v1",
                "warden.anthropic.model-name", "claude-haiku-4-5",
                "warden.anthropic.max-tokens", "4096",
                "warden.anthropic.timeout", "5s",
                "warden.anthropic.anthropic-version", "2024-01-01",
                "warden.anthropic.max-retries", "0",
                "warden.anthropic.temperature", "0.3")));

        assertThat(s.baseUrl()).isEqualTo("http://explicit/v1/");
        assertThat(s.modelName()).isEqualTo("claude-haiku-4-5");
        assertThat(s.maxTokens()).isEqualTo(4096);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.anthropicVersion()).isEqualTo("2024-01-01");
        assertThat(s.maxRetries()).isZero();
        assertThat(s.temperature()).hasValue(0.3);
    }
}
