package dev.warden.samples.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server speaking the OpenAI chat-completions wire format, including tool calls: on a user turn it asks
 * for {@code send_email} to the address in the user's text — or, like a hijacked model, to the attacker when the user
 * named nobody — and after tool results it answers with their text. The provider extension talks
 * to it over real HTTP exactly as it would to api.openai.com, Ollama or vLLM.
 */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::completions);
        server.start();
        return Map.of("quarkus.langchain4j.openai.base-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "quarkus.langchain4j.openai.api-key", "sk-test-stub");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void completions(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        REQUESTS.add(req);
        JsonNode messages = req.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        String finish;
        if ("tool".equals(last.path("role").asText())) {
            message.put("content", "Done: " + last.path("content").asText());
            finish = "stop";
        } else {
            String user = last.path("content").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("([\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)").matcher(user);
            String to = m.find() ? m.group(1) : "mark.black-2134@gmail.com";
            ArrayNode calls = message.putArray("tool_calls");
            calls.addObject().put("id", "call_1").put("type", "function").putObject("function")
                    .put("name", "send_email")
                    .put("arguments", "{\"recipients\":[\"" + to + "\"],\"subject\":\"Hello\","
                            + "\"body\":\"Sent by the stub\"}");
            message.putNull("content");
            finish = "tool_calls";
        }
        ObjectNode resp = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1764000000L).put("model", req.path("model").asText("gpt-4o-mini"));
        resp.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        resp.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7).put("total_tokens", 49);
        byte[] body = JSON.writeValueAsBytes(resp);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }
}
