package dev.warden.quarkus.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.test.stub.AnthropicCompatibleStub;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model's own contract: plain answers, stable failure codes, no key in messages, settings validated. */
class AnthropicMessagesModelTest {
    private static final String KEY = "sk-ant-secret-value";
    private final AnthropicCompatibleStub stub = new AnthropicCompatibleStub(TellerStub.teller(), KEY, null);

    @AfterEach
    void stop() {
        stub.close();
    }

    private AnthropicMessagesModel model(String key) {
        return new AnthropicMessagesModel(new AnthropicSettings(stub.baseUrl(), Optional.ofNullable(key), "claude-test",
                64, Duration.ofSeconds(10), AnthropicCompatibleStub.VERSION, 0, Optional.of(0.2), false));
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("hello")).build();
    }

    @Test
    void a_text_answer_comes_back_with_usage_and_the_configured_parameters_go_out() {
        ChatResponse r = model(KEY).chat(hello());

        assertThat(r.aiMessage().text()).isEqualTo("Nothing to do.");
        assertThat(r.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(r.tokenUsage().inputTokenCount()).isEqualTo(42);
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(7);
        assertThat(stub.requests().get(0).path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(stub.requests().get(0).has("tools")).isFalse();
        assertThat(model(KEY).provider()).isEqualTo(ModelProvider.ANTHROPIC);
    }

    @Test
    void without_a_key_a_call_fails_with_a_clear_code_and_nothing_is_sent() {
        AnthropicMessagesModel model = model(null);

        AnthropicModelException e = catchThrowableOfType(AnthropicModelException.class, () -> model.chat(hello()));

        assertThat(e.code()).isEqualTo(AnthropicCodes.MISSING_API_KEY);
        assertThat(e.status()).isEmpty();
        assertThat(e.getMessage()).contains("ANTHROPIC_API_KEY").contains("warden.anthropic.api-key");
        assertThat(stub.attempts()).isZero();
        assertThat(model(" ").settings().apiKey()).isEmpty();
    }

    @Test
    void a_rejected_key_is_reported_with_status_and_api_error_but_never_the_key() {
        AnthropicModelException e = catchThrowableOfType(AnthropicModelException.class,
                () -> model("sk-ant-wrong-one").chat(hello()));

        assertThat(e.code()).isEqualTo(AnthropicCodes.ERROR_STATUS);
        assertThat(e.status()).hasValue(401);
        assertThat(e.getMessage()).startsWith("WARDEN-ANT-0002").contains("HTTP 401").contains("check the API key")
                .contains("invalid x-api-key").doesNotContain("sk-ant-wrong-one");
    }

    @Test
    void an_overloaded_api_is_reported_as_529() {
        stub.failWith(529);

        AnthropicModelException e = catchThrowableOfType(AnthropicModelException.class, () -> model(KEY).chat(hello()));

        assertThat(e.status()).hasValue(529);
        assertThat(e.getMessage()).contains("overloaded");
        assertThat(stub.attempts()).isEqualTo(1); // max-retries 0: no second attempt
    }

    @Test
    void an_overloaded_api_is_retried_but_a_rejected_key_is_not() {
        var retrying = new AnthropicSettings(stub.baseUrl(), Optional.of(KEY), "claude-test", 64,
                Duration.ofSeconds(10), AnthropicCompatibleStub.VERSION, 1, Optional.empty(), false);
        stub.failNext(529, 1);

        assertThat(new AnthropicMessagesModel(retrying).chat(hello()).aiMessage().text()).isEqualTo("Nothing to do.");
        assertThat(stub.attempts()).isEqualTo(2);

        int before = stub.attempts();
        var wrongKey = new AnthropicSettings(stub.baseUrl(), Optional.of("sk-ant-wrong"), "claude-test", 64,
                Duration.ofSeconds(10), AnthropicCompatibleStub.VERSION, 1, Optional.empty(), false);
        assertThatThrownBy(() -> new AnthropicMessagesModel(wrongKey).chat(hello()))
                .isInstanceOf(AnthropicModelException.class).hasMessageContaining("HTTP 401");
        assertThat(stub.attempts() - before).isEqualTo(1);
    }

    @Test
    void an_unreachable_api_is_reported_as_such() {
        String url = stub.baseUrl();
        stub.close();
        AnthropicMessagesModel model = new AnthropicMessagesModel(AnthropicSettings.of(url, KEY, "claude-test")
                .withMaxRetries(0));

        AnthropicModelException e = catchThrowableOfType(AnthropicModelException.class, () -> model.chat(hello()));

        assertThat(e.code()).isEqualTo(AnthropicCodes.UNREACHABLE);
        assertThat(e.status()).isEmpty();
        assertThat(e.getMessage()).contains(url);
    }

    @Test
    void settings_refuse_what_cannot_work_and_never_print_the_key() {
        assertThatThrownBy(() -> AnthropicSettings.of("api.anthropic.com/v1", KEY, "m"))
                .hasMessageStartingWith(AnthropicCodes.BAD_CONFIGURATION).hasMessageContaining("base-url");
        assertThatThrownBy(() -> AnthropicSettings.of("ftp://host/v1", KEY, "m"))
                .hasMessageStartingWith(AnthropicCodes.BAD_CONFIGURATION);
        assertThatThrownBy(() -> AnthropicSettings.of("https://host/v1", KEY, " "))
                .hasMessageContaining("model-name");
        assertThatThrownBy(() -> AnthropicSettings.of("https://host/v1", KEY, "m").withMaxRetries(-1))
                .hasMessageContaining("max-retries");
        AnthropicSettings s = AnthropicSettings.of("https://host/v1", KEY, "m");
        assertThat(s.baseUrl()).isEqualTo("https://host/v1/");
        assertThat(s.toString()).doesNotContain(KEY).contains("***");
    }
}
