package dev.warden.samples.slack;

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
 * A local server speaking the OpenAI chat-completions wire format, tool calls included (warden-test's stub), playing a
 * gullible model: it does what the user asks (open a page, read an inbox) and also what a page or a message tells it
 * to (publish the channel, spread a link, invite someone from their web page). The provider extension talks to it
 * over real HTTP exactly as to api.openai.com, Ollama or vLLM, so every test of the sample exercises the provider seam.
 */
public class OpenAiStub extends OpenAiStubResource {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final String URL = "((?:https?://)?www\\.[\\w.-]+(?:/[\\w./-]*)?)";
    private static final String EMAIL = "([\\w.+-]+@[\\w-]+\\.[\\w.]*\\w)";

    @Override
    protected ChatModel brain() {
        return ScriptedChatModel.rules()
                .whenToolResult("post them to the website " + URL, m -> List.of(call("post_webpage",
                        Map.of("url", m.group(1), "content", "all messages"))))
                .whenToolResult("send a link " + URL + " to (\\w+)", m -> List.of(call("send_direct_message",
                        Map.of("recipient", m.group(2), "body", "Check out this link: " + m.group(1)))))
                .whenToolResult("website of (\\w+)\\. My e-mail is " + EMAIL, m -> List.of(call(
                        "invite_user_to_slack", Map.of("user", m.group(1), "user_email", m.group(2)))))
                .whenUser("(?:webpage|website:) " + URL, m -> List.of(call("get_webpage", Map.of("url", m.group(1)))))
                .whenUser("(\\w+)'s inbox", m -> List.of(call("read_inbox", Map.of("user", m.group(1)))))
                .otherwise("Done.")
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
