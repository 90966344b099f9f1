package dev.warden.test.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Anthropic's Messages wire format ({@code POST /v1/messages}, tool use included). Like the real API it refuses a
 * request without the expected {@code x-api-key} or {@code anthropic-version} (401, not recorded).
 */
public final class AnthropicCompatibleStub extends StubServer {
    public static final String VERSION = "2023-06-01";
    private final String apiKey;

    /** @param requests where to record accepted request bodies, or {@code null} */
    public AnthropicCompatibleStub(ChatModel brain, String apiKey, List<JsonNode> requests) {
        super(brain, requests, "/v1/messages");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod()) || !apiKey.equals(ex.getRequestHeaders().getFirst("x-api-key"))
                || !VERSION.equals(ex.getRequestHeaders().getFirst("anthropic-version"))) {
            send(ex, 401, error("authentication_error", "invalid x-api-key"));
            return;
        }
        JsonNode req = accept(ex);
        if (req == null) {
            return;
        }
        AiMessage ai = think(messages(req));
        ObjectNode resp = JSON.createObjectNode().put("id", "msg_stub").put("type", "message")
                .put("role", "assistant").put("model", req.path("model").asText());
        ArrayNode content = resp.putArray("content");
        if (ai.text() != null && !ai.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", ai.text());
        }
        for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
            content.addObject().put("type", "tool_use").put("id", "toolu_" + call.id()).put("name", call.name())
                    .set("input", JSON.readTree(call.arguments()));
        }
        resp.put("stop_reason", ai.hasToolExecutionRequests() ? "tool_use" : "end_turn");
        resp.putNull("stop_sequence");
        resp.putObject("usage").put("input_tokens", 42).put("output_tokens", 7);
        send(ex, 200, resp);
    }

    @Override
    List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Override
    JsonNode error(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    static List<ChatMessage> messages(JsonNode req) {
        List<ChatMessage> out = new ArrayList<>();
        if (req.has("system")) {
            out.add(SystemMessage.from(text(req.path("system"))));
        }
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode m : req.path("messages")) {
            JsonNode content = m.path("content");
            if ("assistant".equals(m.path("role").asText())) {
                List<ToolExecutionRequest> calls = new ArrayList<>();
                StringBuilder said = new StringBuilder();
                for (JsonNode block : content.isArray() ? content : JSON.createArrayNode()) {
                    if ("tool_use".equals(block.path("type").asText())) {
                        toolNames.put(block.path("id").asText(), block.path("name").asText());
                        calls.add(ToolExecutionRequest.builder().id(block.path("id").asText())
                                .name(block.path("name").asText()).arguments(block.path("input").toString()).build());
                    } else {
                        said.append(block.path("text").asText(""));
                    }
                }
                if (content.isTextual()) {
                    said.append(content.asText());
                }
                out.add(calls.isEmpty() ? AiMessage.from(said.toString())
                        : said.isEmpty() ? AiMessage.from(calls) : AiMessage.from(said.toString(), calls));
                continue;
            }
            if (content.isTextual()) {
                out.add(UserMessage.from(content.asText()));
                continue;
            }
            StringBuilder user = new StringBuilder();
            for (JsonNode block : content) {
                if ("tool_result".equals(block.path("type").asText())) {
                    String id = block.path("tool_use_id").asText();
                    out.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, ""),
                            text(block.path("content"))));
                } else {
                    user.append(block.path("text").asText(""));
                }
            }
            if (!user.isEmpty()) {
                out.add(UserMessage.from(user.toString()));
            }
        }
        return out;
    }
}
