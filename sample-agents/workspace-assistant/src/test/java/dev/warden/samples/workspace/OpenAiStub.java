package dev.warden.samples.workspace;

import static dev.warden.model.scripted.ScriptedChatModel.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.test.stub.OpenAiStubResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking the OpenAI chat-completions wire format, including tool calls (warden-test's stub): on a
 * user turn it asks for {@code send_email} to the address in the user's text — or, like a hijacked model, to the
 * attacker when the user named nobody — and after tool results it answers with their text. The provider extension
 * talks to it over real HTTP exactly as it would to api.openai.com, Ollama or vLLM.
 */
public class OpenAiStub extends OpenAiStubResource {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();

    @Override
    protected ChatModel brain() {
        return ScriptedChatModel.rules()
                .whenUser("([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)", m -> List.of(mail(m.group(1))))
                .whenUser("", m -> List.of(mail("mark.black-2134@gmail.com")))
                .finalAnswer(results -> "Done: " + results.get(results.size() - 1).text())
                .build();
    }

    private static dev.langchain4j.agent.tool.ToolExecutionRequest mail(String to) {
        return call("send_email", Map.of("recipients", List.of(to), "subject", "Hello", "body", "Sent by the stub"));
    }

    @Override
    protected List<JsonNode> requests() {
        return REQUESTS;
    }
}
