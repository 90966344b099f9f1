package dev.warden.quarkus.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local server speaking Anthropic's Messages wire format: {@code POST /v1/messages} with {@code x-api-key} and
 * {@code anthropic-version} checked (401 {@code authentication_error} / 400 {@code invalid_request_error} otherwise).
 * On a user turn it asks for the tool its script picks (a {@code text} block then a {@code tool_use} block,
 * {@code stop_reason: tool_use}); after a {@code tool_result} it answers {@code "Done: <result>"}. It can also be told
 * to answer every request with an error status, as the real API does when overloaded (529).
 */
final class AnthropicStub implements AutoCloseable {
    static final String VERSION = "2023-06-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool the model asks for. */
    record ToolUse(String name, Map<String, Object> input) {}

    /** One request as the stub received it. */
    record Seen(String method, String path, String apiKey, String version, JsonNode body) {}

    final List<Seen> requests = new CopyOnWriteArrayList<>();
    private final String apiKey;
    private final Function<String, Optional<ToolUse>> script;
    private final HttpServer server;
    private volatile int failStatus;
    private volatile int failuresLeft = Integer.MAX_VALUE;
    private int toolUses;

    AnthropicStub(String apiKey, Function<String, Optional<ToolUse>> script) {
        this.apiKey = apiKey;
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/messages", this::messages);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** From now on every request is answered with this status and Anthropic's error body; 0 restores normal answers. */
    void failWith(int status) {
        this.failStatus = status;
        this.failuresLeft = Integer.MAX_VALUE;
    }

    /** The next {@code times} requests are answered with this status, later ones normally. */
    void failNext(int status, int times) {
        this.failStatus = status;
        this.failuresLeft = times;
    }

    /** The last message of request {@code i}. */
    JsonNode lastMessage(int i) {
        JsonNode messages = requests.get(i).body().path("messages");
        return messages.get(messages.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void messages(HttpExchange ex) throws IOException {
        JsonNode req = JSON.readTree(ex.getRequestBody());
        requests.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("x-api-key"), ex.getRequestHeaders().getFirst("anthropic-version"), req));
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, error("invalid_request_error", "POST only"));
        } else if (!apiKey.equals(ex.getRequestHeaders().getFirst("x-api-key"))) {
            send(ex, 401, error("authentication_error", "invalid x-api-key"));
        } else if (!VERSION.equals(ex.getRequestHeaders().getFirst("anthropic-version"))) {
            send(ex, 400, error("invalid_request_error", "anthropic-version header is required"));
        } else if (failStatus != 0 && failuresLeft-- > 0) {
            send(ex, failStatus, error(failStatus == 529 ? "overloaded_error" : "api_error", "Overloaded"));
        } else if (!req.hasNonNull("max_tokens") || !req.hasNonNull("model")) {
            send(ex, 400, error("invalid_request_error", "model and max_tokens are required"));
        } else {
            send(ex, 200, answer(req));
        }
    }

    private ObjectNode answer(JsonNode req) {
        JsonNode messages = req.path("messages");
        JsonNode last = messages.get(messages.size() - 1);
        ObjectNode resp = JSON.createObjectNode().put("id", "msg_stub_" + requests.size()).put("type", "message")
                .put("role", "assistant").put("model", req.path("model").asText());
        ArrayNode content = resp.putArray("content");
        Optional<JsonNode> result = blocks(last).stream().filter(b -> "tool_result".equals(b.path("type").asText()))
                .findFirst();
        Optional<ToolUse> use = result.isPresent() ? Optional.empty() : script.apply(text(last));
        if (result.isPresent()) {
            content.addObject().put("type", "text").put("text", "Done: " + resultText(result.get()));
        } else if (use.isPresent()) {
            content.addObject().put("type", "text").put("text", "Let me do that.");
            content.addObject().put("type", "tool_use").put("id", "toolu_stub_" + (++toolUses))
                    .put("name", use.get().name()).set("input", JSON.valueToTree(use.get().input()));
        } else {
            content.addObject().put("type", "text").put("text", "Nothing to do.");
        }
        resp.put("stop_reason", use.isPresent() ? "tool_use" : "end_turn").putNull("stop_sequence");
        resp.putObject("usage").put("input_tokens", 42).put("output_tokens", 7);
        return resp;
    }

    private static List<JsonNode> blocks(JsonNode message) {
        JsonNode c = message.path("content");
        List<JsonNode> out = new java.util.ArrayList<>();
        c.forEach(out::add);
        return out;
    }

    private static String text(JsonNode message) {
        JsonNode c = message.path("content");
        if (c.isTextual()) {
            return c.asText();
        }
        StringBuilder sb = new StringBuilder();
        c.forEach(b -> sb.append(b.path("text").asText("")));
        return sb.toString();
    }

    private static String resultText(JsonNode toolResult) {
        JsonNode c = toolResult.path("content");
        return c.isTextual() ? c.asText() : text(toolResult);
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode e = JSON.createObjectNode().put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        return e;
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
