package dev.warden.test.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server on a free loopback port that speaks a provider's wire format; the reply to each request comes
 * from a LangChain4j {@link ChatModel} (the "brain", usually a {@code ScriptedChatModel}), so a test scripts the model
 * once and exercises the real provider client, its serialisation and Warden's provider seam over real HTTP.
 */
public abstract class StubServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final ChatModel brain;
    private final List<JsonNode> requests;
    private final HttpServer server;

    StubServer(ChatModel brain, List<JsonNode> requests, String path) {
        this.brain = Objects.requireNonNull(brain, "brain");
        this.requests = requests == null ? new CopyOnWriteArrayList<>() : requests;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(path, this::handle);
        server.start();
    }

    /** The base URL a provider client is configured with, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every request body received so far (accepted ones only), oldest first. */
    public List<JsonNode> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Answers one exchange: refuse it (returns a status and body) or map it to messages and back. */
    abstract void handle(HttpExchange exchange) throws IOException;

    AiMessage think(List<ChatMessage> messages) {
        return brain.chat(ChatRequest.builder().messages(messages).build()).aiMessage();
    }

    JsonNode accept(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        requests.add(body);
        return body;
    }

    static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText(""));
        }
        return sb.toString();
    }
}
