package dev.warden.samples.banking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.test.stub.OpenAiStubResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking the OpenAI chat-completions wire format (warden-test's stub): on a user turn it asks for
 * {@code send_money} to the IBAN in the user's text — or, like a hijacked model, to the attacker's IBAN when the user
 * only asked for transactions — and after tool results it answers with their text. The provider extension talks to
 * it over real HTTP exactly as it would to api.openai.com, Ollama or vLLM.
 */
public class OpenAiStub extends OpenAiStubResource {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    protected ChatModel brain() {
        return GullibleTransfers.model();
    }

    @Override
    protected List<JsonNode> requests() {
        return REQUESTS;
    }

    @Override
    protected Map<String, String> config(String baseUrl) {
        Map<String, String> config = new HashMap<>(super.config(baseUrl));
        config.put("warden.model", "provider");
        return config;
    }
}
