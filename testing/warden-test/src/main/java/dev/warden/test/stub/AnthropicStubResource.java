package dev.warden.test.stub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * An {@link AnthropicCompatibleStub} as a Quarkus test resource (see {@link OpenAiStubResource}). It configures
 * {@code warden.anthropic.base-url}, the key the stub expects, no retries, and {@code warden.model=anthropic}.
 */
public abstract class AnthropicStubResource implements QuarkusTestResourceLifecycleManager {
    private AnthropicCompatibleStub stub;

    /** The model behind the stub. */
    protected abstract ChatModel brain();

    /** The API key the stub accepts and the application is configured with. */
    protected String apiKey() {
        return "sk-ant-test-stub";
    }

    /** Where accepted request bodies are recorded, or {@code null}. */
    protected List<JsonNode> requests() {
        return null;
    }

    /** Configuration for the application under test, given the stub's base URL. */
    protected Map<String, String> config(String baseUrl) {
        return Map.of("warden.anthropic.base-url", baseUrl, "warden.anthropic.api-key", apiKey(),
                "warden.anthropic.max-retries", "0", "warden.model", "anthropic");
    }

    @Override
    public Map<String, String> start() {
        stub = new AnthropicCompatibleStub(brain(), apiKey(), requests());
        return config(stub.baseUrl());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
