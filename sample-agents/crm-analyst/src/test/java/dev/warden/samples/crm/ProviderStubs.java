package dev.warden.samples.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.test.stub.AnthropicStubResource;
import dev.warden.test.stub.OpenAiStubResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * warden-test's OpenAI chat-completions and Anthropic Messages stubs, which refuse (HTTP 400), as both real APIs do,
 * a tool name breaking {@code ^[a-zA-Z0-9_-]{1,64}$}. On a user turn the model asks for {@code crm_get_customer} (the
 * provider-safe name of {@code crm.get_customer}) for customer 1; after a tool result it answers with the result's
 * text.
 */
final class ProviderStubs {
    /** Accepted request bodies of the stub the current test profile started. */
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    private ProviderStubs() {}

    static ChatModel analyst() {
        return ScriptedChatModel.rules()
                .whenUser(".", m -> List.of(ScriptedChatModel.call("crm_get_customer", Map.of("id", 1))))
                .finalAnswer(results -> "Done: " + results.get(0).text())
                .build();
    }

    /** OpenAI-compatible: {@code WARDEN_MODEL=provider} with {@code OPENAI_BASE_URL}. */
    public static final class OpenAi extends OpenAiStubResource {
        @Override
        protected ChatModel brain() {
            return analyst();
        }

        @Override
        protected List<JsonNode> requests() {
            return REQUESTS;
        }

        @Override
        protected Map<String, String> config(String baseUrl) {
            REQUESTS.clear();
            Map<String, String> config = new HashMap<>(super.config(baseUrl));
            config.put("warden.model", "provider");
            return config;
        }
    }

    /** Anthropic Messages: {@code WARDEN_MODEL=anthropic}. */
    public static final class Anthropic extends AnthropicStubResource {
        @Override
        protected ChatModel brain() {
            return analyst();
        }

        @Override
        protected List<JsonNode> requests() {
            return REQUESTS;
        }

        @Override
        protected Map<String, String> config(String baseUrl) {
            REQUESTS.clear();
            return super.config(baseUrl);
        }
    }
}
