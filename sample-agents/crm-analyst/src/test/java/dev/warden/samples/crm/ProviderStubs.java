package dev.warden.samples.crm;

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
import java.util.regex.Pattern;

/**
 * Local servers speaking the OpenAI chat-completions and Anthropic Messages wire formats and enforcing, as both real
 * APIs do, the tool-name rule {@code ^[a-zA-Z0-9_-]{1,64}$} (HTTP 400 otherwise). On a user turn the model asks for
 * {@code crm_get_customer} (the provider-safe name of {@code crm.get_customer}) for customer 1; after a tool result it
 * answers with the result's text.
 */
final class ProviderStubs {
    static final Pattern RULE = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    static final List<String> REJECTED = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderStubs() {}

    /** The tool names of a request that break the providers' rule; empty when it would be accepted. */
    static List<String> badNames(JsonNode req) {
        return req.path("tools").findValuesAsText("name").stream().filter(n -> !RULE.matcher(n).matches()).toList();
    }

    abstract static class Stub implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        abstract String path();

        abstract Map<String, String> config(String baseUrl);

        abstract ObjectNode answer(JsonNode req);

        @Override
        public Map<String, String> start() {
            REQUESTS.clear();
            REJECTED.clear();
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext(path(), this::handle);
            server.start();
            return config("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }

        private void handle(HttpExchange ex) throws IOException {
            JsonNode req = JSON.readTree(ex.getRequestBody());
            REQUESTS.add(req);
            List<String> bad = badNames(req);
            if (!bad.isEmpty()) {
                REJECTED.addAll(bad);
                ObjectNode err = JSON.createObjectNode();
                err.putObject("error").put("type", "invalid_request_error")
                        .put("message", "tools.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$': " + bad);
                send(ex, 400, err);
                return;
            }
            send(ex, 200, answer(req));
        }

        private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }
    }

    /** OpenAI-compatible: {@code WARDEN_MODEL=provider} with {@code OPENAI_BASE_URL}. */
    public static final class OpenAi extends Stub {
        @Override
        String path() {
            return "/v1/chat/completions";
        }

        @Override
        Map<String, String> config(String baseUrl) {
            return Map.of("quarkus.langchain4j.openai.base-url", baseUrl, "quarkus.langchain4j.openai.api-key",
                    "sk-test-stub", "warden.model", "provider");
        }

        @Override
        ObjectNode answer(JsonNode req) {
            JsonNode messages = req.path("messages");
            JsonNode last = messages.get(messages.size() - 1);
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            String finish;
            if ("tool".equals(last.path("role").asText())) {
                message.put("content", "Done: " + last.path("content").asText());
                finish = "stop";
            } else {
                message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function")
                        .putObject("function").put("name", "crm_get_customer").put("arguments", "{\"id\":1}");
                message.putNull("content");
                finish = "tool_calls";
            }
            ObjectNode resp = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                    .put("created", 1764000000L).put("model", req.path("model").asText("gpt-4o-mini"));
            resp.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
            resp.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7).put("total_tokens", 49);
            return resp;
        }
    }

    /** Anthropic Messages: {@code WARDEN_MODEL=anthropic}. */
    public static final class Anthropic extends Stub {
        @Override
        String path() {
            return "/v1/messages";
        }

        @Override
        Map<String, String> config(String baseUrl) {
            return Map.of("warden.anthropic.base-url", baseUrl, "warden.anthropic.api-key", "sk-ant-crm-stub",
                    "warden.anthropic.max-retries", "0", "warden.model", "anthropic");
        }

        @Override
        ObjectNode answer(JsonNode req) {
            JsonNode messages = req.path("messages");
            JsonNode last = messages.get(messages.size() - 1);
            ObjectNode resp = JSON.createObjectNode().put("id", "msg_stub").put("type", "message")
                    .put("role", "assistant").put("model", req.path("model").asText());
            JsonNode toolResult = null;
            for (JsonNode block : last.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    toolResult = block;
                }
            }
            var content = resp.putArray("content");
            if (toolResult != null) {
                JsonNode c = toolResult.path("content");
                content.addObject().put("type", "text").put("text", "Done: "
                        + (c.isTextual() ? c.asText() : c.path(0).path("text").asText()));
                resp.put("stop_reason", "end_turn");
            } else {
                content.addObject().put("type", "tool_use").put("id", "toolu_stub_1").put("name", "crm_get_customer")
                        .set("input", JSON.createObjectNode().put("id", 1));
                resp.put("stop_reason", "tool_use");
            }
            resp.putNull("stop_sequence");
            resp.putObject("usage").put("input_tokens", 42).put("output_tokens", 7);
            return resp;
        }
    }
}
