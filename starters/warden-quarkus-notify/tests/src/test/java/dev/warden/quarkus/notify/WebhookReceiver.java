package dev.warden.quarkus.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A webhook receiver over real HTTP (the JDK's server): records every request (headers in lower case, and
 * {@code body}) and answers with the next scripted status, 200 once the script is used up. Received requests and the
 * script are plain JDK collections, so a Quarkus test can be handed them across class loaders.
 */
final class WebhookReceiver implements AutoCloseable {
    final LinkedBlockingQueue<Map<String, String>> received;
    final ConcurrentLinkedQueue<Integer> statuses;
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        this(new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>(), 0);
    }

    WebhookReceiver(LinkedBlockingQueue<Map<String, String>> received, ConcurrentLinkedQueue<Integer> statuses,
            int delayMillis) throws IOException {
        this.received = received;
        this.statuses = statuses;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, String> r = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> r.put(k.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", v)));
            try (InputStream in = exchange.getRequestBody()) {
                r.put("body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            received.add(r);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
