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

/**
 * The OpenAI chat-completions wire format ({@code POST /v1/chat/completions}, tool calls included), as spoken by
 * OpenAI, Ollama, vLLM or LM Studio. A request with {@code "stream": true} is answered as Server-Sent Events of
 * {@code chat.completion.chunk}s (text in chunks of {@link #streamChunkChars(int)} characters, 4 by default).
 *
 * <pre>{@code
 * try (var stub = new OpenAiCompatibleStub(ScriptedChatModel.rules().whenUser("balance",
 *         m -> List.of(ScriptedChatModel.call("get_balance", Map.of()))).build())) {
 *     // quarkus.langchain4j.openai.base-url = stub.baseUrl()
 * }
 * }</pre>
 */
public final class OpenAiCompatibleStub extends StubServer {
    public OpenAiCompatibleStub(ChatModel brain) {
        this(brain, null);
    }

    /** @param requests where to record request bodies (e.g. a test's static list), or {@code null} */
    public OpenAiCompatibleStub(ChatModel brain, List<JsonNode> requests) {
        super(brain, requests, "/v1/chat/completions");
    }

    private volatile int streamChunkChars = 4;

    /** Characters per streamed text chunk (and per piece of tool-call arguments). */
    public OpenAiCompatibleStub streamChunkChars(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        streamChunkChars = value;
        return this;
    }

    @Override
    void handle(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            send(ex, 405, error("invalid_request_error", "POST only"));
            return;
        }
        JsonNode req = accept(ex);
        if (req == null) {
            return;
        }
        AiMessage ai = think(messages(req.path("messages")));
        if (req.path("stream").asBoolean(false)) {
            new OpenAiStreamWriter(JSON, streamChunkChars).write(ex, req, ai);
            return;
        }
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (ai.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", ai.text());
        }
        if (ai.hasToolExecutionRequests()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        ObjectNode resp = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1764000000L).put("model", req.path("model").asText("stub"));
        resp.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", ai.hasToolExecutionRequests() ? "tool_calls" : "stop").set("message", message);
        resp.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7).put("total_tokens", 49);
        send(ex, 200, resp);
    }

    @Override
    List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("tools").forEach(t -> names.add(t.path("function").path("name").asText()));
        return names;
    }

    @Override
    JsonNode error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        return body;
    }

    static List<ChatMessage> messages(JsonNode wire) {
        List<ChatMessage> out = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode m : wire) {
            String content = text(m.path("content"));
            switch (m.path("role").asText()) {
                case "system", "developer" -> out.add(SystemMessage.from(content));
                case "user" -> out.add(UserMessage.from(content));
                case "tool" -> {
                    String id = m.path("tool_call_id").asText();
                    out.add(ToolExecutionResultMessage.from(id, toolNames.getOrDefault(id, ""), content));
                }
                case "assistant" -> {
                    List<ToolExecutionRequest> calls = new ArrayList<>();
                    for (JsonNode c : m.path("tool_calls")) {
                        String name = c.path("function").path("name").asText();
                        toolNames.put(c.path("id").asText(), name);
                        calls.add(ToolExecutionRequest.builder().id(c.path("id").asText()).name(name)
                                .arguments(c.path("function").path("arguments").asText()).build());
                    }
                    out.add(calls.isEmpty() ? AiMessage.from(content)
                            : content.isEmpty() ? AiMessage.from(calls) : AiMessage.from(content, calls));
                }
                default -> { }
            }
        }
        return out;
    }
}
