package dev.warden.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the service-path load harness working (the measurement itself runs with {@code -Pbench}, see
 * docs/benchmarks.md): a few seconds each of the governed and the ungoverned packaged sample, closed and open loop.
 * Asserts that the numbers are sane, never how fast they are.
 */
class ServicePathSmokeTest {

    private static Map<String, String> options(String... args) {
        Map<String, String> o = ServicePathBenchmark.options(args);
        o.put("jar", System.getProperty("warden.sample.jar"));
        return o;
    }

    @Test
    void harness_measures_governed_and_ungoverned_service_and_reads_the_audit_latencies() throws Exception {
        ServicePathBenchmark.Report r = ServicePathBenchmark.run(options("--mode=closed", "--clients=4",
                "--seconds=3", "--warmup=1", "--fsync=false", "--work=target/service-path-smoke"));
        System.out.print(r.text());

        assertThat(r.measured()).extracting(ServicePathBenchmark.Measured::variant)
                .containsExactly("governed", "ungoverned");
        for (ServicePathBenchmark.Measured m : r.measured()) {
            LoadResult l = m.load();
            assertThat(l.runs()).as(m.variant() + " runs").isPositive();
            assertThat(l.errors()).as(m.variant() + " failed requests").isZero();
            assertThat(l.statuses()).as(m.variant() + " run statuses").containsKey("COMPLETED");
            assertThat(l.latencyNanos().getTotalCount()).isEqualTo(l.runs());
            assertThat(l.millis(50)).isPositive().isLessThanOrEqualTo(l.millis(99));
            assertThat(l.millis(99)).isLessThanOrEqualTo(l.maxMillis());
        }
        ServicePathBenchmark.Measured governed = r.measured().get(0);
        // the governed service audits every checkpoint (several per run); the ungoverned baseline writes nothing
        assertThat(governed.audit()).isNotNull();
        assertThat(governed.audit().records()).isGreaterThanOrEqualTo(governed.load().runs());
        assertThat(governed.audit().p50()).isLessThanOrEqualTo(governed.audit().p99());
        assertThat(governed.audit().breakdown()).extracting(AuditLatencies.Group::name).contains("TOOL_RESULT",
                "AGENT_OUTPUT");
        ServicePathBenchmark.Measured ungoverned = r.measured().get(1);
        assertThat(ungoverned.audit() == null || ungoverned.audit().records() == 0).as("ungoverned audit records")
                .isTrue();
        assertThat(r.ratio()).isPositive().isFinite();
        assertThat(r.text()).contains("governed / ungoverned throughput");
    }

    @Test
    void packaged_service_refuses_the_ungoverned_switch_in_the_prod_profile() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/service-path-smoke-prod").toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path log = dir.resolve("service.log");
        // no quarkus.profile: the packaged jar runs as prod
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dwarden.benchmark.ungoverned=true",
                "-Dwarden.audit.jsonl.path=" + dir.resolve("audit/decisions.jsonl"), "-jar",
                System.getProperty("warden.sample.jar")).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        assertThat(ended).as("the prod start ends by itself").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(java.nio.file.Files.readString(log)).contains("WARDEN-API-0510")
                .doesNotContain("UNGOVERNED BENCHMARK MODE");
    }

    @Test
    void open_loop_measures_from_the_intended_start() throws Exception {
        ServicePathBenchmark.Report r = ServicePathBenchmark.run(options("--mode=open", "--rate=20", "--seconds=2",
                "--warmup=0", "--fsync=false", "--variants=governed", "--work=target/service-path-smoke-open"));
        System.out.print(r.text());

        LoadResult l = r.measured().get(0).load();
        // 20 arrivals per second for 2 s, whatever the service does
        assertThat(l.runs() + l.errors()).isEqualTo(40);
        assertThat(l.errors()).isZero();
        assertThat(l.seconds()).isGreaterThanOrEqualTo(1.9);
        assertThat(r.ratio()).isNaN();
    }

    @Test
    void provider_variant_runs_the_packaged_sample_against_the_openai_stub_over_more_than_fifty_connections()
            throws Exception {
        // 64 clients and a model answering after 2 s: the model's time dominates each run even on a loaded machine
        // (a run's own CPU is a few ms), so up to 64 runs wait on the model at once
        ServicePathBenchmark.Report r = ServicePathBenchmark.run(options("--mode=closed", "--clients=64",
                "--seconds=6", "--warmup=1", "--fsync=false", "--variants=provider", "--model-latency=2000ms",
                "--work=target/service-path-smoke-provider"));
        System.out.print(r.text());

        ServicePathBenchmark.Measured m = r.measured().get(0);
        LoadResult l = m.load();
        assertThat(l.runs()).isPositive();
        assertThat(l.errors()).isZero();
        // every run went to the stub over HTTP and back: one tool call, then the answer (2 completions per run)
        assertThat(l.statuses()).containsOnlyKeys("COMPLETED");
        assertThat(m.modelCalls()).isGreaterThanOrEqualTo(2 * l.runs());
        assertThat(m.audit().breakdown()).extracting(AuditLatencies.Group::name).contains("TOOL_RESULT",
                "AGENT_OUTPUT");
        assertThat(r.text()).contains("model stub (2000ms per answer)");
        // connections are kept alive and reused, and the provider client is not capped at the REST client's 50
        // (warden.model-client.connection-pool-size, decision 0078)
        assertThat(m.modelConnections()).isGreaterThan(50).isLessThanOrEqualTo(64);
        assertThat(m.modelCalls()).isGreaterThan(m.modelConnections()); // connections are reused
    }

    @Test
    void openai_stub_answers_a_request_with_a_tool_call_and_tool_results_with_a_summary() throws Exception {
        try (OpenAiStub stub = new OpenAiStub(java.time.Duration.ZERO)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String first = post(http, stub, "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                    + "{\"role\":\"user\",\"content\":\"Show me my recent transactions\"}]}");
            assertThat(first).contains("\"finish_reason\":\"tool_calls\"").contains("get_most_recent_transactions")
                    .contains("{\\\"n\\\":5}");
            String second = post(http, stub, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                    + "{\"role\":\"assistant\",\"tool_calls\":[]},{\"role\":\"tool\",\"tool_call_id\":\"c\","
                    + "\"content\":\"1.00 EUR\"}]}");
            assertThat(second).contains("\"finish_reason\":\"stop\"").contains("Here is what I found:\\n- 1.00 EUR");
            assertThat(stub.completions()).isEqualTo(2);
            String streamed = post(http, stub,
                    "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertThat(streamed).contains("invalid_request_error");
            assertThat(stub.rejected()).isEqualTo(1);
        }
    }

    private static String post(java.net.http.HttpClient http, OpenAiStub stub, String body) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stub.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
