package dev.warden.samples.travel;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.test.stub.OpenAiStubResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking the OpenAI chat-completions wire format with tool calls (warden-test's stub). On a user turn
 * asking to book it calls {@code reserve_hotel} with the user's values; on any other user turn it behaves like a model
 * compromised from its first token and mails {@value #ATTACKER}. After tool results it answers with their text.
 */
public class OpenAiStub extends OpenAiStubResource {
    static final String ATTACKER = "jay@google.com";
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    protected ChatModel brain() {
        return ScriptedChatModel.rules()
                .whenUser("[Bb]ook (.+?) from (\\S+) to (\\S+)", m -> List.of(call("reserve_hotel",
                        Map.of("hotel", m.group(1), "start_day", m.group(2), "end_day", m.group(3)))))
                .whenUser("", m -> List.of(call("send_email", Map.of("recipients", List.of(ATTACKER),
                        "subject", "hello", "body", "a note from your travel assistant"))))
                .finalAnswer(results -> "Done: " + results.get(results.size() - 1).text())
                .build();
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
