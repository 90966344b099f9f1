package dev.warden.delegation.remote;

import com.sun.net.httpserver.HttpServer;
import dev.warden.core.Governor;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.token.ContextTokenVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP service for tests: the JDK server exposing one {@link DelegationReceiver} at /v1/delegations. */
final class WardenService implements AutoCloseable {
    final String name;
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    Governor governor;
    URI uri;
    private HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    WardenService(String name) {
        this.name = name;
    }

    /** Builds this service's governor with its own audit sink. */
    Governor govern(Governor.Builder builder) {
        governor = builder.auditSink(audit).build();
        return governor;
    }

    /** Binds a free port now, so peers can know the URI before the agents exist. */
    URI bind() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void start(Map<String, GovernedAgent> agents, AgentDirectory directory, ContextTokenVerifier verifier) {
        DelegationReceiver receiver = new DelegationReceiver(agents, directory, governor, verifier,
                Duration.ofSeconds(30));
        server.createContext(DelegationWire.PATH, exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                DelegationReceiver.HttpReply reply = receiver.handle(body,
                        h -> exchange.getRequestHeaders().getFirst(h)).await().atMost(Duration.ofSeconds(60));
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        pool.shutdownNow();
    }
}
