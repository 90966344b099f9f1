package dev.warden.test.stub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * An {@link OpenAiCompatibleStub} as a Quarkus test resource: subclass it with the model's behaviour and list it in a
 * test profile's {@code testResources()} (or {@code @QuarkusTestResource}). It points
 * {@code quarkus.langchain4j.openai.base-url} at the stub; add keys by overriding {@link #config(String)}.
 *
 * <pre>{@code
 * public class OpenAiStub extends OpenAiStubResource {
 *     static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
 *     protected ChatModel brain() { return ScriptedChatModel.rules()...build(); }
 *     protected List<JsonNode> requests() { return REQUESTS; }
 * }
 * }</pre>
 */
public abstract class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {
    private OpenAiCompatibleStub stub;

    /** The model behind the stub. */
    protected abstract ChatModel brain();

    /** Where request bodies are recorded (a static list the test reads), or {@code null}. */
    protected List<JsonNode> requests() {
        return null;
    }

    /** Configuration for the application under test, given the stub's base URL. */
    protected Map<String, String> config(String baseUrl) {
        return Map.of("quarkus.langchain4j.openai.base-url", baseUrl,
                "quarkus.langchain4j.openai.api-key", "sk-test-stub");
    }

    @Override
    public Map<String, String> start() {
        stub = new OpenAiCompatibleStub(brain(), requests());
        return config(stub.baseUrl());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
