package dev.warden.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast OpenAI-compatible chat server for the load harness ({@code POST /v1/chat/completions}, non-streaming), in the
 * harness JVM on its own Vert.x event loop, so the packaged sample can run with {@code WARDEN_MODEL=provider} and
 * {@code OPENAI_BASE_URL} pointing here — the seam a black-box load test uses. Its script is the scripted banking
 * model's for the harness's inputs: the user's request picks one read tool ({@code balance} → {@code get_balance},
 * {@code iban} → {@code get_iban}, {@code scheduled} → {@code get_scheduled_transactions}, {@code transactions} →
 * {@code get_most_recent_transactions(n=5)}); once tool results follow, the answer summarises them; any other request
 * gets a plain answer. Each answer can be delayed by a fixed {@code latency} (a timer, never a blocked thread), as a
 * remote model would be.
 */
public final class OpenAiStub implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Duration latency;
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    /** Starts the stub on a free port of 127.0.0.1. */
    public OpenAiStub(Duration latency) {
        this.latency = latency;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .connectionHandler(c -> connections.incrementAndGet()).requestHandler(this::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("OpenAI stub did not start: " + e.getMessage(), e);
        }
    }

    /** The base URL to give the service as {@code OPENAI_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/v1";
    }

    /** Chat completions answered so far. */
    public long completions() {
        return completions.get();
    }

    /** TCP connections opened to the stub so far: far fewer than completions when the client keeps them alive. */
    public long connections() {
        return connections.get();
    }

    /** Requests refused so far (wrong path or method, malformed body, streaming asked for). */
    public long rejected() {
        return rejected.get();
    }

    private void handle(HttpServerRequest req) {
        if (!req.path().endsWith("/chat/completions") || !"POST".equals(req.method().name())) {
            rejected.incrementAndGet();
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().onSuccess(body -> {
            JsonObject answer;
            try {
                JsonObject request = body.toJsonObject();
                if (request.getBoolean("stream", false)) {
                    throw new IllegalArgumentException("the stub does not stream");
                }
                answer = completion(request);
            } catch (RuntimeException e) {
                rejected.incrementAndGet();
                req.response().setStatusCode(400).putHeader("content-type", "application/json")
                        .end(new JsonObject().put("error", new JsonObject().put("message", String.valueOf(
                                e.getMessage())).put("type", "invalid_request_error")).encode());
                return;
            }
            String json = answer.encode();
            Runnable reply = () -> {
                completions.incrementAndGet();
                req.response().putHeader("content-type", "application/json").end(json);
            };
            if (latency.isZero()) {
                reply.run();
            } else {
                vertx.setTimer(latency.toMillis(), t -> reply.run());
            }
        });
    }

    private JsonObject completion(JsonObject request) {
        JsonArray messages = request.getJsonArray("messages");
        JsonObject last = messages.getJsonObject(messages.size() - 1);
        JsonObject message = new JsonObject().put("role", "assistant");
        String finish;
        if ("tool".equals(last.getString("role"))) {
            StringBuilder sb = new StringBuilder("Here is what I found:");
            for (int i = messages.size() - 1; i >= 0 && "tool".equals(messages.getJsonObject(i).getString("role"));
                    i--) {
                sb.append("\n- ").append(text(messages.getJsonObject(i)));
            }
            message.put("content", sb.toString());
            finish = "stop";
        } else {
            JsonObject call = toolFor(text(last).toLowerCase(Locale.ROOT));
            if (call == null) {
                message.put("content", "I can show your balance, IBAN and transactions, send money, pay bills and"
                        + " update your details.");
                finish = "stop";
            } else {
                message.putNull("content").put("tool_calls", new JsonArray().add(call));
                finish = "tool_calls";
            }
        }
        return new JsonObject().put("id", "chatcmpl-stub-" + ids.incrementAndGet()).put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", request.getString("model", "stub"))
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
                        .put("finish_reason", finish)))
                .put("usage", new JsonObject().put("prompt_tokens", 100).put("completion_tokens", 20)
                        .put("total_tokens", 120));
    }

    private JsonObject toolFor(String userText) {
        String name;
        String args = "{}";
        if (userText.contains("balance")) {
            name = "get_balance";
        } else if (userText.matches("(?s).*\\biban\\b.*")) {
            name = "get_iban";
        } else if (userText.contains("scheduled")) {
            name = "get_scheduled_transactions";
        } else if (userText.contains("transactions")) {
            name = "get_most_recent_transactions";
            args = "{\"n\":5}";
        } else {
            return null;
        }
        return new JsonObject().put("id", "call_" + ids.incrementAndGet()).put("type", "function")
                .put("function", new JsonObject().put("name", name).put("arguments", args));
    }

    /** A message's text: a string, or the text parts of a content array. */
    private static String text(JsonObject message) {
        Object content = message.getValue("content");
        if (content instanceof JsonArray parts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                sb.append(parts.getJsonObject(i).getString("text", ""));
            }
            return sb.toString();
        }
        return content == null ? "" : content.toString();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
