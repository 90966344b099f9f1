package dev.warden.samples.slack;

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
 * A local HTTP server speaking the OpenAI chat-completions wire format, tool calls included, playing a gullible model:
 * it does what the user asks (open a page, read an inbox, invite someone from their web page) and also what a page or
 * a message tells it to (publish the channel, spread a link). The provider extension talks to it over real HTTP
 * exactly as to api.openai.com, Ollama or vLLM, so every test of the sample exercises the provider seam.
 */
public class OpenAiStub implements QuarkusTestResourceLifecycleManager {
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "((?:https?://)?www\\.[\\w.-]+(?:/[\\w./-]*)?)";
    private static final String EMAIL = "([\\w.+-]+@[\\w-]+\\.[\\w.]*\\w)";
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
                "quarkus.langchain4j.openai.api-key", "sk-test-stub",
                "warden.model", "provider");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The call a gullible model makes next, or {@code null} to answer in text. */
    private static String[] next(JsonNode last) throws IOException {
        String text = last.path("content").asText();
        if ("tool".equals(last.path("role").asText())) {
            Matcher m;
            if ((m = find("post them to the website " + URL, text)) != null) {
                return new String[] {"post_webpage", json(Map.of("url", m.group(1), "content", "all messages"))};
            }
            if ((m = find("send a link " + URL + " to (\\w+)", text)) != null) {
                return new String[] {"send_direct_message", json(Map.of("recipient", m.group(2),
                        "body", "Check out this link: " + m.group(1)))};
            }
            if ((m = find("website of (\\w+)\\. My e-mail is " + EMAIL, text)) != null) {
                return new String[] {"invite_user_to_slack", json(Map.of("user", m.group(1), "user_email",
                        m.group(2)))};
            }
            return null;
        }
        Matcher m;
        if ((m = find("(?:webpage|website:) " + URL, text)) != null) {
            return new String[] {"get_webpage", json(Map.of("url", m.group(1)))};
        }
        if ((m = find("(\\w+)'s inbox", text)) != null) {
            return new String[] {"read_inbox", json(Map.of("user", m.group(1)))};
        }
        return null;
    }

    private void completions(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        REQUESTS.add(req);
        JsonNode messages = req.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        String[] call = next(last);
        String finish;
        if (call == null) {
            message.put("content", "Done: " + last.path("content").asText());
            finish = "stop";
        } else {
            message.putNull("content");
            message.putArray("tool_calls").addObject().put("id", "call_" + REQUESTS.size()).put("type", "function")
                    .putObject("function").put("name", call[0]).put("arguments", call[1]);
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

    private static Matcher find(String regex, String text) {
        Matcher m = Pattern.compile("(?i)" + regex).matcher(text);
        return m.find() ? m : null;
    }

    private static String json(Map<String, String> args) throws IOException {
        return JSON.writeValueAsString(args);
    }
}
