package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness (tag {@code soak}, not part of the default build): 32 concurrent users on loopback against the packaged
 * banking-assistant for {@code warden.soak.seconds}, mixing allowed, denied (injected transfer) and approval-gated runs
 * with approvals by a second user. Reports throughput, p50/p99 latency, unexpected errors and RSS before/after to
 * {@code target/soak.txt}. Run: {@code ./mvnw -B verify -pl integration-tests/e2e -Dwarden.e2e.excluded= -Dgroups=soak}.
 */
@Tag("soak")
class SoakTest {
    static final int USERS = 32;
    static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    static final Pattern APPROVAL = Pattern.compile("\"approvalId\":\"([^\"]+)\"");

    @Test
    void thirty_two_users_mixed_runs_no_unexpected_errors() throws Exception {
        Path work = Path.of("target", "e2e-soak");
        long seconds = Long.getLong("warden.soak.seconds", 120);
        List<String> jvm = new ArrayList<>(List.of("-Dquarkus.profile=demo", "-Dwarden.audit.jsonl.path="
                + work.toAbsolutePath().resolve("audit/decisions.jsonl")));
        String heap = System.getProperty("warden.soak.heap", "");
        if (!heap.isBlank()) {
            jvm.add("-Xmx" + heap); // a bounded heap shows whether memory is stable, not just lazily grown
        }
        try (SampleProcess sample = new SampleProcess(Path.of(System.getProperty("warden.sample.jar")), work, jvm)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String alice = token(http, sample, "alice");
            String bob = token(http, sample, "bob");
            long rssBefore = sample.rssMiB();
            Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
            AtomicLong unexpected = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            String[] inputs = {"What is my balance?", "Show me my recent transactions",
                "Send 900 EUR to FR1420041010050500013M02606", "What is my IBAN?"};
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(USERS);
            List<Future<long[]>> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                int user = u;
                users.add(pool.submit(() -> {
                    long[] lat = new long[1_000_000];
                    int n = 0;
                    for (int i = user; System.nanoTime() < deadline && n < lat.length; i++) {
                        String input = inputs[i % inputs.length];
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = post(http, sample, alice, "/v1/agents/banking-assistant/runs",
                                "{\"input\":\"" + input + "\"}");
                        lat[n++] = System.nanoTime() - t0;
                        Matcher st = STATUS.matcher(r.body());
                        String status = r.statusCode() == 200 && st.find() ? st.group(1) : "HTTP-" + r.statusCode();
                        outcomes.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        if (r.statusCode() != 200) {
                            unexpected.incrementAndGet();
                        }
                        Matcher ap = APPROVAL.matcher(r.body());
                        if ("AWAITING_APPROVAL".equals(status) && ap.find()) {
                            long t1 = System.nanoTime();
                            HttpResponse<String> d = post(http, sample, bob, "/v1/approvals/" + ap.group(1)
                                    + "/decision", "{\"approve\":true}");
                            lat[n++] = System.nanoTime() - t1;
                            outcomes.computeIfAbsent("approved-" + d.statusCode(), k -> new AtomicLong())
                                    .incrementAndGet();
                            if (d.statusCode() != 200) {
                                unexpected.incrementAndGet();
                            }
                        }
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            long total = 0;
            for (Future<long[]> f : users) {
                long[] l = f.get();
                latencies.add(l);
                total += l.length;
            }
            pool.shutdown();
            long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            long rssAfter = sample.rssMiB();
            String report = String.format(java.util.Locale.ROOT,
                    "soak: heap " + (heap.isBlank() ? "default" : heap) + ", %d users, %d s, %d requests, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, "
                            + "unexpected errors %d, RSS %d -> %d MiB, outcomes %s%n",
                    USERS, seconds, total, total / (double) seconds, all[all.length / 2] / 1e6,
                    all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, unexpected.get(), rssBefore,
                    rssAfter, new java.util.TreeMap<>(outcomes));
            Files.writeString(Path.of("target", "soak.txt"), report);
            System.out.print(report);
            assertThat(unexpected.get()).isZero();
            assertThat(outcomes.keySet()).contains("COMPLETED", "AWAITING_APPROVAL");
        }
    }

    private static String token(HttpClient http, SampleProcess s, String user) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(s.baseUri() + "/v1/dev/tokens/" + user)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = TOKEN.matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> post(HttpClient http, SampleProcess s, String token, String path, String json)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUri() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
