package dev.warden.samples.banking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * A local HTTP server speaking Anthropic's Messages wire format ({@code POST /v1/messages}, {@code x-api-key} and
 * {@code anthropic-version} required), including tool use: on a user turn it asks for {@code send_money} to the IBAN
 * in the user's text — or, like a hijacked model, to the attacker's IBAN when the user only asked for transactions —
 * as a {@code tool_use} block with {@code stop_reason: tool_use}; after a {@code tool_result} it answers with its text.
 */
public class AnthropicStub implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "sk-ant-banking-stub";
    static final String VERSION = "2023-06-01";
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEND = Pattern.compile("send (\\d+) EUR to ([A-Z]{2}\\d{2}[A-Z0-9]+)");
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/messages", this::messages);
        server.start();
        return Map.of("warden.anthropic.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "warden.anthropic.api-key", KEY,
                "warden.anthropic.max-retries", "0",
                "warden.model", "anthropic");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void messages(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        if (!"POST".equals(ex.getRequestMethod()) || !KEY.equals(ex.getRequestHeaders().getFirst("x-api-key"))
                || !VERSION.equals(ex.getRequestHeaders().getFirst("anthropic-version"))) {
            ObjectNode error = JSON.createObjectNode().put("type", "error");
            error.putObject("error").put("type", "authentication_error").put("message", "invalid x-api-key");
            send(ex, 401, error);
            return;
        }
        REQUESTS.add(req);
        JsonNode messages = req.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        ObjectNode resp = JSON.createObjectNode().put("id", "msg_stub").put("type", "message").put("role", "assistant")
                .put("model", req.path("model").asText());
        ArrayNode content = resp.putArray("content");
        JsonNode toolResult = null;
        StringBuilder userText = new StringBuilder();
        for (JsonNode block : last.path("content")) {
            if ("tool_result".equals(block.path("type").asText())) {
                toolResult = block;
            }
            userText.append(block.path("text").asText(""));
        }
        if (toolResult != null) {
            JsonNode c = toolResult.path("content");
            String text = c.isTextual() ? c.asText() : c.path(0).path("text").asText();
            content.addObject().put("type", "text").put("text", "Done: " + text);
            resp.put("stop_reason", "end_turn");
        } else {
            String user = last.path("content").isTextual() ? last.path("content").asText() : userText.toString();
            Matcher m = SEND.matcher(user);
            boolean asked = m.find();
            ObjectNode input = JSON.createObjectNode().put("recipient", asked ? m.group(2) : "GB33BUKB20201555555555")
                    .put("amount", asked ? Integer.parseInt(m.group(1)) : 900).put("subject", "stub")
                    .put("date", "2026-11-25");
            content.addObject().put("type", "text").put("text", "I will make that transfer.");
            content.addObject().put("type", "tool_use").put("id", "toolu_stub_1").put("name", "send_money")
                    .set("input", input);
            resp.put("stop_reason", "tool_use");
        }
        resp.putNull("stop_sequence");
        resp.putObject("usage").put("input_tokens", 42).put("output_tokens", 7);
        send(ex, 200, resp);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
