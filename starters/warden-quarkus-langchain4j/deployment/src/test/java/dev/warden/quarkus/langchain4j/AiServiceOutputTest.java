package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class AiServiceOutputTest {

    record Answer(String iban, int amount) {}

    @Test
    void text_answers_are_judged_as_text_and_others_as_json() {
        assertThat(AiServiceOutput.text("hello")).isEqualTo("hello");
        assertThat(AiServiceOutput.text(null)).isEmpty();
        assertThat(AiServiceOutput.text(new Answer("DE89", 5))).isEqualTo("{\"iban\":\"DE89\",\"amount\":5}");
        assertThat(AiServiceOutput.text(Result.builder().content(List.of("a")).build())).isEqualTo("[\"a\"]");
    }

    @Test
    void a_rewritten_result_keeps_no_copy_of_the_original_text() {
        Result<String> original = Result.<String>builder().content("IBAN DE89")
                .finalResponse(ChatResponse.builder().aiMessage(AiMessage.from("IBAN DE89")).build()).build();
        Result<?> rewritten = (Result<?>) AiServiceOutput.withText(original, "IBAN [REDACTED]").orElseThrow();
        assertThat(rewritten.content()).isEqualTo("IBAN [REDACTED]");
        assertThat(rewritten.finalResponse().aiMessage().text()).isEqualTo("IBAN [REDACTED]");
    }

    @Test
    void only_text_answers_can_be_rewritten() {
        assertThat(AiServiceOutput.withText("x", "y")).contains("y");
        assertThat(AiServiceOutput.withText(new Answer("DE89", 5), "y")).isEmpty();
        assertThat(AiServiceOutput.withText(Result.builder().content(7).build(), "y")).isEmpty();
    }
}
