package dev.warden.a2a.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hosts an A2A JSON-RPC endpoint on the JDK's {@code com.sun.net.httpserver}: {@code GET
 * /.well-known/agent-card.json} answers the card, {@code POST} on the endpoint path answers JSON or, for
 * {@code message/stream}, {@code text/event-stream}. Bodies above {@value #MAX_BODY} bytes are refused (413).
 *
 * <pre>{@code
 * HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
 * http.createContext("/", A2aHttpHandler.of(server));
 * http.start();
 * }</pre>
 */
public final class A2aHttpHandler implements HttpHandler {
    /** Path of the public agent card. */
    public static final String CARD_PATH = "/.well-known/agent-card.json";
    static final int MAX_BODY = 1 << 20;

    private final Supplier<String> card;
    private final java.util.function.BiFunction<String, Function<String, String>, A2aResponse> rpc;

    /** A handler for any A2A JSON-RPC dispatcher (also the SDK's own, for a server that is not Warden). */
    public A2aHttpHandler(Supplier<String> cardJson,
            java.util.function.BiFunction<String, Function<String, String>, A2aResponse> rpc) {
        this.card = cardJson;
        this.rpc = rpc;
    }

    public static A2aHttpHandler of(WardenA2aServer server) {
        return new A2aHttpHandler(server::cardJson, server::handle);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if ("GET".equals(ex.getRequestMethod()) && CARD_PATH.equals(ex.getRequestURI().getPath())) {
                send(ex, 200, "application/json", card.get());
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "method not allowed");
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(ex, 413, "text/plain", "request body too large");
                return;
            }
            A2aResponse reply = rpc.apply(new String(body, StandardCharsets.UTF_8),
                    name -> ex.getRequestHeaders().getFirst(name));
            if (reply instanceof A2aResponse.Json j) {
                send(ex, j.status(), j.contentType(), j.body());
            } else if (reply instanceof A2aResponse.Stream s) {
                stream(ex, s);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void stream(HttpExchange ex, A2aResponse.Stream events) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            events.writeSse(out);
        }
    }
}
