package dev.warden.test.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An OpenAI chat-completions answer as a stream ({@code "stream": true}): {@code text/event-stream} of
 * {@code chat.completion.chunk}s — the role, the text in chunks, each tool call's name and then its arguments in
 * pieces, the finish reason, the usage when {@code stream_options.include_usage} asks for it — and {@code [DONE]}.
 */
final class OpenAiStreamWriter {
    private final ObjectMapper json;
    private final int chunkChars;

    OpenAiStreamWriter(ObjectMapper json, int chunkChars) {
        this.json = json;
        this.chunkChars = chunkChars;
    }

    void write(HttpExchange ex, JsonNode req, AiMessage ai) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        String model = req.path("model").asText("stub");
        try (OutputStream out = ex.getResponseBody()) {
            ObjectNode first = chunk(model);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                    .put("role", "assistant").put("content", "");
            event(out, first);
            String text = ai.text() == null ? "" : ai.text();
            for (int i = 0; i < text.length(); i += chunkChars) {
                ObjectNode c = chunk(model);
                c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                        .put("content", text.substring(i, Math.min(text.length(), i + chunkChars)));
                event(out, c);
            }
            int index = 0;
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                ObjectNode named = chunk(model);
                named.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                        .putArray("tool_calls").addObject().put("index", index).put("id", call.id())
                        .put("type", "function").putObject("function").put("name", call.name()).put("arguments", "");
                event(out, named);
                String args = call.arguments() == null ? "" : call.arguments();
                for (int i = 0; i < args.length(); i += chunkChars) {
                    ObjectNode part = chunk(model);
                    part.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                            .putArray("tool_calls").addObject().put("index", index).putObject("function")
                            .put("arguments", args.substring(i, Math.min(args.length(), i + chunkChars)));
                    event(out, part);
                }
                index++;
            }
            ObjectNode last = chunk(model);
            last.withArray("choices").addObject().put("index", 0).put("finish_reason",
                    ai.hasToolExecutionRequests() ? "tool_calls" : "stop").putObject("delta");
            event(out, last);
            if (req.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode usage = chunk(model);
                usage.putArray("choices");
                usage.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7)
                        .put("total_tokens", 49);
                event(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private ObjectNode chunk(String model) {
        return json.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
                .put("created", 1764000000L).put("model", model);
    }

    private void event(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
