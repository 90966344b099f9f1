package dev.warden.quarkus.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.test.stub.AnthropicStubResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * warden-test's Anthropic wire-format stub for a {@code @QuarkusTest}, with the teller's model behind it: on
 * "send N to IBAN" it says a sentence and asks for {@code send_money} (a {@code text} then a {@code tool_use} block);
 * after a tool result it answers {@code "Done: <result>"}; otherwise {@code "Nothing to do."}.
 */
public class TellerStub extends AnthropicStubResource {
    static final String KEY = "sk-ant-quarkus-test";
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    static volatile String baseUrl;
    private static final Pattern SEND = Pattern.compile("send (\\d+) to ([A-Z]{2}\\d{2}[A-Z0-9]+)");

    /** The teller's model, also behind the stubs the plain tests start themselves. */
    static ChatModel teller() {
        return ScriptedChatModel.script().turn(TellerStub::answer).build(); // one turn, repeated: stateless
    }

    /** The last message of a request body. */
    static JsonNode lastMessage(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.get(messages.size() - 1);
    }

    private static AiMessage answer(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.get(messages.size() - 1);
        if (last instanceof ToolExecutionResultMessage result) {
            return AiMessage.from("Done: " + result.text());
        }
        Matcher m = SEND.matcher(last instanceof UserMessage u && u.hasSingleText() ? u.singleText() : "");
        return m.find() ? AiMessage.from("Let me do that.", List.of(ScriptedChatModel.call("send_money",
                Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                : AiMessage.from("Nothing to do.");
    }

    @Override
    protected ChatModel brain() {
        return teller();
    }

    @Override
    protected String apiKey() {
        return KEY;
    }

    @Override
    protected List<JsonNode> requests() {
        return REQUESTS;
    }

    @Override
    protected Map<String, String> config(String url) {
        baseUrl = url;
        return super.config(url);
    }
}
