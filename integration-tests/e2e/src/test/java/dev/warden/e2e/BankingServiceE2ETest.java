package dev.warden.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged banking-assistant, started as its own JVM with the demo profile, driven over real HTTP: the README
 * scenarios, every API error path, OpenTelemetry export to an OTLP receiver, and startup time / RSS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankingServiceE2ETest {
    private OtlpReceiver otlp;
    private SampleProcess sample;

    @BeforeAll
    void start() throws Exception {
        otlp = new OtlpReceiver();
        Path work = Path.of("target", "e2e-banking");
        sample = new SampleProcess(Path.of(System.getProperty("warden.sample.jar")), work, List.of(
                "-Dquarkus.profile=demo",
                "-Dwarden.audit.jsonl.path=" + work.toAbsolutePath().resolve("audit/decisions.jsonl"),
                "-Dquarkus.otel.sdk.disabled=false",
                "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + otlp.endpoint(),
                "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                "-Dquarkus.otel.bsp.schedule.delay=50ms",
                "-Dquarkus.otel.exporter.otlp.logs.endpoint=" + otlp.endpoint(),
                "-Dquarkus.otel.exporter.otlp.logs.protocol=http/protobuf",
                "-Dquarkus.otel.blrp.schedule.delay=50ms"));
        RestAssured.baseURI = sample.baseUri();
        Files.writeString(Path.of("target", "e2e-metrics.txt"), "banking-assistant startupMillis="
                + sample.startupMillis + " rssMiB=" + sample.rssMiB() + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        if (sample != null) {
            sample.close();
        }
        if (otlp != null) {
            otlp.close();
        }
    }

    private static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    private static Response run(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/banking-assistant/runs");
    }

    @Test
    void readme_session_allowed_denied_approved_and_verified() {
        run("alice", "What is my balance?").then().statusCode(200).body("status", equalTo("COMPLETED"));
        run("alice", "Show me my recent transactions").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'send_money' }.decision", hasItem("DENY"));
        Response pending = run("alice", "Send 900 EUR to FR1420041010050500013M02606");
        pending.then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        String approval = pending.path("approvalId");
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":true,\"comment\":\"ok\"}")
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        given().auth().oauth2(token("olga")).get("/v1/audit?tool=send_money&decision=DENY").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.greaterThan(0))
                .body("tool", org.hamcrest.Matchers.everyItem(equalTo("send_money")))
                .body("outcome", org.hamcrest.Matchers.everyItem(equalTo("DENY")))
                .body("args.recipient", hasItem("GB33BUKB20201555555555"));
        given().auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("firstBrokenSeq", nullValue());
    }

    @Test
    void every_api_error_is_problem_json_with_a_stable_code() {
        String alice = token("alice");
        given().contentType(ContentType.JSON).body("{\"input\":\"hi\"}").post("/v1/agents/banking-assistant/runs")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("WARDEN-API-0001"));
        given().auth().oauth2(alice.substring(0, alice.length() - 4) + "AAAA").contentType(ContentType.JSON)
                .body("{\"input\":\"hi\"}").post("/v1/agents/banking-assistant/runs").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0001"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"input\":\"hi\"}")
                .post("/v1/agents/no-such-agent/runs").then().statusCode(404).body("code", equalTo("WARDEN-API-0003"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"input\":")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0004"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"input\":\"" + "x".repeat(40_000) + "\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(413).body("code", equalTo("WARDEN-API-0005"));
        String approval = run("alice", "Send 700 EUR to FR1420041010050500013M02606").path("approvalId");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-APR-0003"));
        given().auth().oauth2(token("mallory")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(404);
    }

    @Test
    void spans_reach_the_collector_in_one_trace_per_request() throws Exception {
        run("alice", "What is my IBAN?").then().statusCode(200);
        List<Span> trace = List.of();
        for (int i = 0; i < 200 && !complete(trace); i++) {
            Thread.sleep(50);
            trace = traceOf(otlp.spans(), "execute_tool get_iban");
        }
        assertThat(trace).as("spans of the request's trace").extracting(Span::getName)
                .contains("invoke_agent banking-assistant", "execute_tool get_iban")
                .anyMatch(n -> n.startsWith("apply_guardrail"))
                .anyMatch(n -> n.startsWith("chat "))
                .anyMatch(n -> n.startsWith("POST /v1/agents"));
        Span server = named(trace, "POST /v1/agents");
        Span agent = named(trace, "invoke_agent banking-assistant");
        Span tool = named(trace, "execute_tool get_iban");
        assertThat(agent.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
    }

    @Test
    void every_decision_record_reaches_the_collector_as_a_log_record_in_its_trace() throws Exception {
        String runId = run("alice", "What is my IBAN?").then().statusCode(200).extract().path("runId");
        List<Map<String, Object>> trail = given().auth().oauth2(token("olga")).get("/v1/audit?runId=" + runId)
                .then().statusCode(200).extract().jsonPath().getList("$");
        // a run's records can arrive in several exports (50 ms batch delay): wait for all of them, not the first few
        List<LogRecord> ofRun = List.of();
        for (int i = 0; i < 300 && ofRun.size() < trail.size(); i++) {
            Thread.sleep(50);
            ofRun = otlp.logs().stream().filter(l -> runId.equals(attribute(l, "warden.run.id"))).toList();
        }
        assertThat(ofRun).as("log records of run %s", runId).hasSameSizeAs(trail);
        assertThat(ofRun).allSatisfy(l -> {
            assertThat(l.getEventName()).as("the OTLP event_name field").isEqualTo("warden.decision");
            assertThat(l.getSeverityText()).isIn("INFO", "WARN", "ERROR");
            assertThat(l.getBody().getStringValue()).contains("\"runId\":\"" + runId + "\"");
        });
        assertThat(ofRun).extracting(l -> attribute(l, "gen_ai.tool.name")).contains("get_iban");
        LogRecord toolCall = ofRun.stream().filter(l -> "get_iban".equals(attribute(l, "gen_ai.tool.name")))
                .findFirst().orElseThrow();
        String traceId = java.util.HexFormat.of().formatHex(toolCall.getTraceId().toByteArray());
        for (int i = 0; i < 300 && otlp.spans().stream().noneMatch(sp -> sp.getName().equals("execute_tool get_iban")
                && java.util.HexFormat.of().formatHex(sp.getTraceId().toByteArray()).equals(traceId)); i++) {
            Thread.sleep(50); // spans go out through their own batch processor
        }
        assertThat(otlp.spans()).as("the log record's trace is the request's trace")
                .anyMatch(sp -> sp.getName().equals("execute_tool get_iban")
                        && java.util.HexFormat.of().formatHex(sp.getTraceId().toByteArray()).equals(traceId));
    }

    private static String attribute(LogRecord l, String key) {
        return l.getAttributesList().stream().filter(a -> a.getKey().equals(key))
                .map(a -> a.getValue().getStringValue()).findFirst().orElse(null);
    }

    private static boolean complete(List<Span> trace) {
        return trace.stream().anyMatch(s -> s.getName().startsWith("POST /v1/agents"))
                && trace.stream().anyMatch(s -> s.getName().equals("invoke_agent banking-assistant"));
    }

    /** All spans sharing the trace of the last span named {@code name}. */
    private static List<Span> traceOf(List<Span> spans, String name) {
        Span anchor = null;
        for (Span s : spans) {
            if (s.getName().equals(name)) {
                anchor = s;
            }
        }
        if (anchor == null) {
            return List.of();
        }
        String id = HexFormat.of().formatHex(anchor.getTraceId().toByteArray());
        return spans.stream().filter(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()).equals(id)).toList();
    }

    private static Span named(List<Span> spans, String prefix) {
        return spans.stream().filter(s -> s.getName().startsWith(prefix)).findFirst().orElseThrow();
    }
}
