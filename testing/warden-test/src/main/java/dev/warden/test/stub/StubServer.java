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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A local HTTP server on a free loopback port that speaks a provider's wire format; the reply to each request comes
 * from a LangChain4j {@link ChatModel} (the "brain", usually a {@code ScriptedChatModel}), so a test scripts the model
 * once and exercises the real provider client, its serialisation and Warden's provider seam over real HTTP.
 *
 * <p>Like the real APIs it refuses (HTTP 400) a request declaring a tool whose name breaks {@link #TOOL_NAME}, and it
 * can be told to fail requests with a status ({@link #failNext(int, int)}), as an overloaded or rate-limiting API does.
 */
public abstract class StubServer implements AutoCloseable {
    /** The tool-name rule OpenAI and Anthropic both enforce; a request breaking it is refused with HTTP 400. */
    public static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    static final ObjectMapper JSON = new ObjectMapper();
    private final ChatModel brain;
    private final List<JsonNode> requests;
    private final HttpServer server;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus;

    StubServer(ChatModel brain, List<JsonNode> requests, String path) {
        this.brain = Objects.requireNonNull(brain, "brain");
        this.requests = requests == null ? new CopyOnWriteArrayList<>() : requests;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(path, this::dispatch);
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

    /** How many HTTP requests arrived, refused and failed ones included (so a client's retries can be counted). */
    public int attempts() {
        return attempts.get();
    }

    /**
     * Answers the next {@code times} requests with {@code status} and the provider's error body (e.g. 529 overloaded,
     * 429 rate limited) before looking at them; later requests are answered normally.
     */
    public void failNext(int status, int times) {
        failuresLeft.set(times);
        failStatus = status;
    }

    /** Answers every request from now on with {@code status}; {@code 0} restores normal answers. */
    public void failWith(int status) {
        failNext(status, status == 0 ? 0 : Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Answers one exchange: refuse it (returns a status and body) or map it to messages and back. */
    abstract void handle(HttpExchange exchange) throws IOException;

    /** The names of the tools a request declares, where the provider's format puts them. */
    abstract List<String> toolNames(JsonNode request);

    /** The provider's error body. */
    abstract JsonNode error(String type, String message);

    private void dispatch(HttpExchange exchange) throws IOException {
        attempts.incrementAndGet();
        int status = failStatus;
        if (status != 0 && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getRequestBody().readAllBytes();
            send(exchange, status, error(status == 529 ? "overloaded_error" : status == 429 ? "rate_limit_error"
                    : "api_error", status == 529 ? "Overloaded" : "injected failure " + status));
            return;
        }
        handle(exchange);
    }

    AiMessage think(List<ChatMessage> messages) {
        return brain.chat(ChatRequest.builder().messages(messages).build()).aiMessage();
    }

    /**
     * Reads and records the request, or refuses it with 400 {@code invalid_request_error} (not recorded) when a tool
     * name breaks {@link #TOOL_NAME}.
     *
     * @return the body, or {@code null} when the request was refused (the answer is sent then)
     */
    JsonNode accept(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> bad = toolNames(body).stream().filter(n -> !TOOL_NAME.matcher(n).matches()).toList();
        if (!bad.isEmpty()) {
            send(exchange, 400, error("invalid_request_error", "tools.name: String should match pattern '"
                    + TOOL_NAME.pattern() + "': " + bad));
            return null;
        }
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
