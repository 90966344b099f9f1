package dev.warden.plane.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small policy decision point speaking AuthZEN's Access Evaluation API over real HTTP on a loopback port. What it
 * answers is scripted per test; every request it received is kept.
 */
final class AuthZenServer implements AutoCloseable {
    /** An HTTP answer: status, body, and how long to wait before sending it. */
    record Reply(int status, String body, long delayMillis) {
        static Reply decision(boolean allowed) {
            return new Reply(200, "{\"decision\":" + allowed + "}", 0);
        }

        static Reply denied(String reasonUser) {
            return new Reply(200, "{\"decision\":false,\"context\":{\"id\":\"0\",\"reason_user\":{\"en-403\":\""
                    + reasonUser + "\"}}}", 0);
        }
    }

    /** A request as the server saw it. */
    record Received(String method, String path, String authorization, JsonNode body) {}

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The sample policy: customers may call tools except {@code close_account}; transfers only up to 1000; denials say
     * why, as AuthZEN's {@code reason_user}.
     */
    static Reply bankPolicy(JsonNode req) {
        boolean customer = false;
        for (JsonNode r : req.path("subject").path("properties").path("roles")) {
            customer |= "customer".equals(r.asText());
        }
        if (!customer) {
            return Reply.denied("only customers may use the assistant");
        }
        JsonNode resource = req.path("resource");
        if ("close_account".equals(resource.path("id").asText())) {
            return Reply.denied("accounts are closed at a branch");
        }
        if (resource.path("properties").path("arguments").path("amount").asDouble() > 1000) {
            return Reply.denied("transfers above 1000 need a branch");
        }
        return Reply.decision(true);
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Reply> responder = AuthZenServer::bankPolicy;

    AuthZenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<JsonNode, Reply> value) {
        this.responder = value;
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            JsonNode body = in.length == 0 ? null : JSON.readTree(in);
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Authorization"), body));
            Reply r = "/access/v1/evaluation".equals(ex.getRequestURI().getPath())
                    ? responder.apply(body) : new Reply(404, "{}", 0);
            if (r.delayMillis() > 0) {
                Thread.sleep(r.delayMillis());
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
