package dev.warden.a2a.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with a remote A2A agent under a whole-exchange deadline and a body cap. The JDK's
 * {@code HttpRequest.timeout} ends when the response headers arrive, and {@code BodyHandlers.ofByteArray} reads any
 * length: a remote sending its body one byte a second, or without end, would hold the calling thread and its memory.
 * Here the body is collected up to {@code maxBody} bytes (one more aborts the exchange) and the caller waits at most
 * {@code deadline} for headers and body together; on either, the exchange is cancelled and the connection dropped.
 */
final class CappedExchange {
    private CappedExchange() {}

    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, int maxBody, Duration deadline)
            throws IOException, InterruptedException {
        AtomicReference<Body> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> {
            Body b = new Body(maxBody);
            body.set(b);
            return b;
        });
        try {
            return exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(exchange, body);
            throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            abort(exchange, body);
            throw e;
        } catch (ExecutionException e) {
            abort(exchange, body);
            throw e.getCause() instanceof IOException io ? io : new IOException("the exchange failed", e.getCause());
        }
    }

    private static void abort(CompletableFuture<?> exchange, AtomicReference<Body> body) {
        Body b = body.get();
        if (b != null) {
            b.abort();
        }
        exchange.cancel(true);
    }

    /** Collects at most {@code max} bytes; one more cancels the subscription (the client drops the connection). */
    private static final class Body implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Body(int max) {
            this.max = max;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    result.completeExceptionally(new IOException("the answer is larger than " + max + " bytes"));
                    subscription.cancel();
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        void abort() {
            result.completeExceptionally(new HttpTimeoutException("aborted"));
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
