package dev.warden.a2a.remote;

import io.a2a.client.http.A2AHttpClient;
import io.a2a.client.http.A2AHttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The HTTP client Warden hands the A2A SDK for calls to a remote agent: it never follows a redirect (a 3xx is an
 * answer, so the task text, the bearer credential and a peer's context token go only to the pinned card's URL), every
 * exchange has a deadline covering headers and body ({@link CappedExchange}), and a body above {@code maxBody} bytes
 * is refused rather than read. The SDK's default
 * client follows redirects ({@code Redirect.NORMAL}) and has no request timeout. Warden delegates with blocking
 * {@code message/send} only, so the streaming variants are not offered. Thread-safe.
 */
final class NoRedirectHttpClient implements A2AHttpClient {
    private final HttpClient http;
    private final Duration timeout;
    private final int maxBody;

    NoRedirectHttpClient(Duration timeout, int maxBody) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.maxBody = maxBody;
    }

    @Override
    public GetBuilder createGet() {
        return new Get();
    }

    @Override
    public PostBuilder createPost() {
        return new Post();
    }

    @Override
    public DeleteBuilder createDelete() {
        throw new UnsupportedOperationException("Warden's A2A delegate sends no DELETE");
    }

    private abstract class Request<T extends Builder<T>> implements Builder<T> {
        String url;
        final Map<String, String> headers = new LinkedHashMap<>();

        abstract T self();

        @Override
        public T url(String url) {
            this.url = url;
            return self();
        }

        @Override
        public T addHeaders(Map<String, String> all) {
            if (all != null) {
                headers.putAll(all);
            }
            return self();
        }

        @Override
        public T addHeader(String name, String value) {
            headers.put(name, value);
            return self();
        }

        A2AHttpResponse send(HttpRequest.Builder b) throws IOException, InterruptedException {
            b.uri(URI.create(url)).timeout(timeout);
            headers.forEach(b::header);
            HttpResponse<byte[]> r = CappedExchange.send(http, b.build(), maxBody, timeout);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            int status = r.statusCode();
            return new A2AHttpResponse() {
                @Override
                public int status() {
                    return status;
                }

                @Override
                public boolean success() {
                    return status >= 200 && status < 300;
                }

                @Override
                public String body() {
                    return body;
                }
            };
        }
    }

    private final class Get extends Request<GetBuilder> implements GetBuilder {
        @Override
        GetBuilder self() {
            return this;
        }

        @Override
        public A2AHttpResponse get() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder().GET());
        }

        @Override
        public CompletableFuture<Void> getAsyncSSE(Consumer<String> messages, Consumer<Throwable> errors,
                Runnable done) {
            throw new UnsupportedOperationException("Warden's A2A delegate does not stream");
        }
    }

    private final class Post extends Request<PostBuilder> implements PostBuilder {
        private String body = "";

        @Override
        PostBuilder self() {
            return this;
        }

        @Override
        public PostBuilder body(String body) {
            this.body = body == null ? "" : body;
            return this;
        }

        @Override
        public A2AHttpResponse post() throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json"));
        }

        @Override
        public CompletableFuture<Void> postAsyncSSE(Consumer<String> messages, Consumer<Throwable> errors,
                Runnable done) {
            throw new UnsupportedOperationException("Warden's A2A delegate does not stream");
        }
    }
}
