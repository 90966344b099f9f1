package dev.warden.quarkus.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.Result;
import java.util.Optional;

/**
 * The text of an AI service's answer as {@code AGENT_OUTPUT} sees it, and the answer rebuilt with a policy's
 * replacement text. Text answers ({@code String}, {@code Result<String>}) can be rewritten; any other answer is
 * judged by its JSON form and can only be let through or blocked.
 */
final class AiServiceOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AiServiceOutput() {}

    static String text(Object answer) {
        Object content = answer instanceof Result<?> r ? r.content() : answer;
        if (content == null) {
            return "";
        }
        if (content instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException | RuntimeException e) {
            return String.valueOf(content);
        }
    }

    /** The answer carrying {@code replacement} instead of its text, or empty when it is not a text answer. */
    static Optional<Object> withText(Object answer, String replacement) {
        if (answer instanceof String) {
            return Optional.of(replacement);
        }
        if (answer instanceof Result<?> r && r.content() instanceof String) {
            ChatResponse last = r.finalResponse();
            if (last != null) {
                last = last.toBuilder().aiMessage(AiMessage.from(replacement)).build();
            }
            return Optional.of(Result.<String>builder().content(replacement).tokenUsage(r.tokenUsage())
                    .sources(r.sources()).finishReason(r.finishReason()).toolExecutions(r.toolExecutions())
                    .intermediateResponses(r.intermediateResponses()).finalResponse(last).build());
        }
        return Optional.empty();
    }
}
