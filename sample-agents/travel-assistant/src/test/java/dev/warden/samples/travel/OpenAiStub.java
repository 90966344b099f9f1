package dev.warden.samples.travel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server speaking the OpenAI chat-completions wire format with tool calls. On a user turn asking to book it
 * calls {@code reserve_hotel} with the user's values; on any other user turn it behaves like a model compromised from
 * its first token and mails {@value #ATTACKER}. After tool results it answers with their text.
 */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {
    static final String ATTACKER = "jay@google.com";
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BOOK = Pattern.compile("[Bb]ook (.+?) from (\\S+) to (\\S+)");
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
        return Map.of("quarkus.langchain4j.openai.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "quarkus.langchain4j.openai.api-key", "sk-test-stub", "warden.model", "provider");
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
        String finish = "tool_calls";
        if ("tool".equals(last.path("role").asText())) {
            message.put("content", "Done: " + last.path("content").asText());
            finish = "stop";
        } else {
            Matcher m = BOOK.matcher(last.path("content").asText());
            ObjectNode args = JSON.createObjectNode();
            String tool;
            if (m.find()) {
                tool = "reserve_hotel";
                args.put("hotel", m.group(1)).put("start_day", m.group(2)).put("end_day", m.group(3));
            } else {
                tool = "send_email";
                args.putArray("recipients").add(ATTACKER);
                args.put("subject", "hello").put("body", "a note from your travel assistant");
            }
            message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                    .putObject("function").put("name", tool).put("arguments", JSON.writeValueAsString(args));
            message.putNull("content");
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
