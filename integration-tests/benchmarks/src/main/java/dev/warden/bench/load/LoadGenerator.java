package dev.warden.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives agent runs ({@code POST /v1/agents/<agent>/runs}) against one service with a non-blocking Vert.x client, in
 * one of two modes:
 * <ul>
 *   <li><b>closed loop</b>: {@code clients} users, each sending its next run when the previous one answered —
 *       measures the throughput the service sustains at that concurrency;</li>
 *   <li><b>open loop</b>: runs start at a fixed arrival rate whatever the service does, and each latency is measured
 *       from the run's <em>intended</em> start, so a service that falls behind shows it in the percentiles instead
 *       of slowing the generator down (no coordinated omission).</li>
 * </ul>
 * Inputs are taken round-robin from {@code inputs}. Not thread-safe; one phase at a time.
 */
final class LoadGenerator implements AutoCloseable {
    /** At most this many open-loop runs in flight; beyond, an arrival is counted as an error (service saturated). */
    static final int MAX_IN_FLIGHT = 4096;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client;
    private final String path;
    private final String token;
    private final List<String> inputs;

    LoadGenerator(SampleService service, String agent, String user, List<String> inputs, int connections) {
        this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(service.port).setKeepAlive(true).setMaxPoolSize(connections)
                .setConnectTimeout(5_000));
        this.path = "/v1/agents/" + agent + "/runs";
        this.inputs = List.copyOf(inputs);
        this.token = await(client.get("/v1/dev/tokens/" + user).send()
                .map(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("no dev token for " + user + ": HTTP " + r.statusCode()
                                + " " + r.bodyAsString());
                    }
                    return r.bodyAsJsonObject().getString("token");
                }).toCompletionStage().toCompletableFuture());
    }

    /** {@code clients} users in a closed loop for {@code duration}. */
    LoadResult closedLoop(int clients, Duration duration) {
        Phase phase = new Phase("closed loop, " + clients + " clients");
        long end = phase.start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int first = c;
            vertx.runOnContext(v -> nextClosed(phase, first, end, done));
        }
        awaitLatch(done, duration.plusSeconds(120));
        return phase.result();
    }

    private void nextClosed(Phase phase, int i, long end, CountDownLatch done) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
            done.countDown();
            return;
        }
        send(i).onComplete(ar -> {
            phase.record(t0, ar.succeeded() ? ar.result() : null);
            nextClosed(phase, i + 1, end, done);
        });
    }

    /** Runs arriving at {@code perSecond} for {@code duration}; latency from each run's intended start. */
    LoadResult openLoop(double perSecond, Duration duration) {
        Phase phase = new Phase(String.format(java.util.Locale.ROOT, "open loop, %.0f runs/s offered", perSecond));
        long interval = (long) (1e9 / perSecond);
        long arrivals = (long) (duration.toNanos() / (double) interval);
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong outstanding = new AtomicLong(arrivals);
        for (long i = 0; i < arrivals; i++) {
            long intended = phase.start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
                inFlight.decrementAndGet();
                phase.record(intended, null);
                if (outstanding.decrementAndGet() == 0) {
                    done.countDown();
                }
                continue;
            }
            int n = (int) i;
            vertx.runOnContext(v -> send(n).onComplete(ar -> {
                inFlight.decrementAndGet();
                phase.record(intended, ar.succeeded() ? ar.result() : null);
                if (outstanding.decrementAndGet() == 0) {
                    done.countDown();
                }
            }));
        }
        awaitLatch(done, Duration.ofSeconds(120));
        return phase.result();
    }

    private io.vertx.core.Future<HttpResponse<Buffer>> send(int i) {
        return client.post(path).bearerTokenAuthentication(token).timeout(60_000)
                .sendJsonObject(new JsonObject().put("input", inputs.get(i % inputs.size())));
    }

    /** One measured phase: latencies into a recorder (written from the event loop), outcomes into counters. */
    private static final class Phase {
        final String mode;
        final long start = System.nanoTime();
        final Recorder recorder = new Recorder(3);
        final AtomicLong runs = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();

        Phase(String mode) {
            this.mode = mode;
        }

        void record(long startNanos, HttpResponse<Buffer> response) {
            recorder.recordValue(Math.max(1, System.nanoTime() - startNanos));
            String status;
            if (response == null) {
                status = "transport-error";
            } else if (response.statusCode() != 200) {
                status = "HTTP " + response.statusCode();
            } else {
                status = response.bodyAsJsonObject().getString("status", "?");
            }
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            (response != null && response.statusCode() == 200 ? runs : errors).incrementAndGet();
        }

        LoadResult result() {
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram h = recorder.getIntervalHistogram();
            Map<String, Long> counts = new java.util.HashMap<>();
            statuses.forEach((k, v) -> counts.put(k, v.get()));
            return new LoadResult(mode, runs.get(), errors.get(), seconds, h, counts);
        }
    }

    private static void awaitLatch(CountDownLatch latch, Duration timeout) {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("load phase did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("load generator setup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
