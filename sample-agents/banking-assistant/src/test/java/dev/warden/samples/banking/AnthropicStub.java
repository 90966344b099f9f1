package dev.warden.samples.banking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.test.stub.AnthropicStubResource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking Anthropic's Messages wire format (warden-test's stub; it refuses a wrong {@code x-api-key}
 * or {@code anthropic-version}) with the same gullible behaviour as {@link OpenAiStub}, as {@code tool_use} blocks.
 */
public class AnthropicStub extends AnthropicStubResource {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    protected ChatModel brain() {
        return GullibleTransfers.model();
    }

    @Override
    protected String apiKey() {
        return "sk-ant-banking-stub";
    }

    @Override
    protected List<JsonNode> requests() {
        return REQUESTS;
    }
}
