// One-file client (java TenK.java BASE_URL RUNS CLIENTS): governed runs of alice against the banking sample.
import java.net.URI;
import java.net.http.*;
import java.time.Duration;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** N governed runs against a running banking sample, with C client threads; prints runs/s and status counts. */
public class TenK {
    public static void main(String[] a) throws Exception {
        String base = a[0];
        int total = Integer.parseInt(a[1]);
        int clients = Integer.parseInt(a[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String tok = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/dev/tokens/alice")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        tok = tok.replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String[] inputs = {"What is my balance?", "What is my IBAN?", "Show my scheduled transactions", "Show me my recent transactions"};
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger(), bad = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        final String token = tok;
        for (int c = 0; c < clients; c++) {
            ex.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/agents/banking-assistant/runs"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + inputs[i % 4] + "\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        (r.statusCode() == 200 && r.body().contains("COMPLETED") ? ok : bad).incrementAndGet();
                        if (r.statusCode() != 200 && bad.get() < 3) System.err.println(r.statusCode() + " " + r.body());
                    } catch (Exception e) { bad.incrementAndGet(); }
                }
                return null;
            });
        }
        ex.shutdown();
        ex.awaitTermination(1, TimeUnit.HOURS);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("runs=%d ok=%d bad=%d seconds=%.1f runs/s=%.0f%n", total, ok.get(), bad.get(), s, total / s);
    }
}
