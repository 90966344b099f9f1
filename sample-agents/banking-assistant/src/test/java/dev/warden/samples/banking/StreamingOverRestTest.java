package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.test.WardenTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Streaming over the sample's real HTTP API (decision 0035), read by the JDK's HTTP client as any SSE reader would:
 * typed events, resumption with {@code Last-Event-ID}, the run's authorization, and the JSON variant unchanged.
 */
@QuarkusTest
class StreamingOverRestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/")
    URI base;

    /** One Server-Sent Event as read off the wire. */
    record Sse(String id, String event, JsonNode data) {}

    List<Sse> read(HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/event-stream"));
        List<Sse> events = new ArrayList<>();
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (event != null || data.length() > 0) {
                    events.add(new Sse(id, event, JSON.readTree(data.toString())));
                }
                id = null;
                event = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        return events;
    }

    HttpRequest.Builder as(String user, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + WardenTokens.devUser(user));
    }

    List<Sse> streamRun(String user, String input) throws Exception {
        return read(as(user, "v1/agents/banking-assistant/runs").header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + input + "\"}")).build());
    }

    static String tokens(List<Sse> events) {
        return events.stream().filter(e -> "token".equals(e.event())).map(e -> e.data().path("text").asText())
                .collect(Collectors.joining());
    }

    @Test
    void a_streamed_run_sends_typed_events_and_ends_with_the_run() throws Exception {
        List<Sse> events = streamRun("alice", "Show my recent transactions");

        assertThat(events).extracting(Sse::event).contains("decision", "tool-call-requested", "token")
                .endsWith("completed");
        Sse requested = events.stream().filter(e -> "tool-call-requested".equals(e.event())).findFirst().orElseThrow();
        assertThat(requested.data().path("tool").asText()).isEqualTo("get_most_recent_transactions");
        // a long answer leaves the hold-back window in many pieces (a short one as one piece, at its end)
        assertThat(events.stream().filter(e -> "token".equals(e.event())).count()).isGreaterThan(10);
        Sse completed = events.get(events.size() - 1);
        assertThat(completed.data().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(tokens(events)).isEqualTo(completed.data().path("output").asText()).isNotBlank();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).id()).isEqualTo(Integer.toString(i + 1));
        }
        String runId = completed.data().path("runId").asText();
        given().auth().oauth2(WardenTokens.devUser("alice")).get("/v1/runs/" + runId).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"));
    }

    @Test
    void a_reader_that_goes_away_mid_stream_cancels_the_run_and_the_abort_is_audited() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<java.io.InputStream> response = http11.send(as("alice", "v1/agents/banking-assistant/runs")
                .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"Show my recent transactions\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        String runId = null;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && runId == null) {
                    runId = JSON.readTree(line.substring(5)).path("runId").asText(null);
                } else if (line.isEmpty() && "token".equals(event)) {
                    break; // the first piece of the answer arrived: the reader goes away mid-stream
                }
            }
        } // closing the body closes the connection
        assertThat(runId).isNotBlank();
        String path = "/v1/runs/" + runId;
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String status = null;
        while (System.nanoTime() < until && !"CANCELLED".equals(status) && !"COMPLETED".equals(status)) {
            Thread.sleep(50); // the run is stored once it ended (404 until then)
            io.restassured.response.Response run = given().auth().oauth2(WardenTokens.devUser("alice")).get(path);
            status = run.statusCode() == 200 ? run.path("status") : null;
        }
        assertThat(status).isEqualTo("CANCELLED");
        given().auth().oauth2(WardenTokens.devUser("alice")).get(path).then()
                .body("code", org.hamcrest.Matchers.equalTo("WARDEN-STR-0661"));
    }

    @Test
    void a_tool_call_in_the_stream_is_decided_before_it_runs() throws Exception {
        List<Sse> events = streamRun("alice", "What is my balance?");
        List<String> order = events.stream().map(e -> e.event() + ":" + e.data().path("decision").path("checkpoint")
                .asText(e.data().path("tool").asText())).toList();
        assertThat(order.indexOf("tool-call-requested:get_balance")).isLessThan(order.indexOf("decision:TOOL_CALL"));
        assertThat(order.indexOf("decision:TOOL_CALL")).isLessThan(order.indexOf("decision:TOOL_RESULT"));
    }

    @Test
    void events_replay_after_last_event_id_for_the_requester_only() throws Exception {
        List<Sse> all = streamRun("alice", "What is my IBAN?");
        String runId = all.get(all.size() - 1).data().path("runId").asText();

        List<Sse> replay = read(as("alice", "v1/runs/" + runId + "/events").header("Accept", "text/event-stream")
                .GET().build());
        assertThat(replay).extracting(Sse::id).isEqualTo(all.stream().map(Sse::id).toList());
        List<Sse> resumed = read(as("alice", "v1/runs/" + runId + "/events").header("Accept", "text/event-stream")
                .header("Last-Event-ID", "3").GET().build());
        assertThat(resumed).extracting(Sse::id).isEqualTo(all.subList(3, all.size()).stream().map(Sse::id).toList());

        for (String stranger : List.of("carol", "mallory")) {
            HttpResponse<String> r = HTTP.send(as(stranger, "v1/runs/" + runId + "/events")
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(stranger).isEqualTo(404);
            assertThat(r.body()).contains("WARDEN-API");
        }
        HttpResponse<String> auditor = HTTP.send(as("olga", "v1/runs/" + runId + "/events")
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(auditor.statusCode()).isEqualTo(200);
    }

    @Test
    void a_confirmation_ends_the_stream_and_the_resumed_run_continues_on_the_run_events() throws Exception {
        List<Sse> first = streamRun("alice", "Send 5 EUR to NL91ABNA0417164300");
        Sse needed = first.get(first.size() - 1);
        assertThat(needed.event()).isEqualTo("approval-needed");
        assertThat(needed.data().path("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        String runId = needed.data().path("runId").asText();

        given().auth().oauth2(WardenTokens.devUser("alice")).contentType(ContentType.JSON)
                .body("{\"confirm\":true,\"argumentsDigest\":\""
                        + needed.data().path("confirmation").path("argumentsDigest").asText() + "\"}")
                .post("/v1/confirmations/" + needed.data().path("confirmationId").asText()).then().statusCode(200);

        List<Sse> rest = read(as("alice", "v1/runs/" + runId + "/events").header("Accept", "text/event-stream")
                .header("Last-Event-ID", needed.id()).GET().build());
        assertThat(rest).extracting(Sse::event).startsWith("approval-decided").endsWith("completed");
        assertThat(rest.get(0).data().path("approved").asBoolean()).isTrue();
        assertThat(rest).anySatisfy(e -> assertThat(e.data().path("decision").path("checkpoint").asText())
                .isEqualTo("TOOL_RESULT"));
    }

    @Test
    void other_accept_values_still_get_the_json_run() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json"}) {
            HttpRequest.Builder b = as("alice", "v1/agents/banking-assistant/runs")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"What is my balance?\"}"));
            if (accept != null) {
                b.header("Accept", accept);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(String.valueOf(accept)).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("application/json"));
            JsonNode run = JSON.readTree(r.body());
            assertThat(run.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(run.fieldNames()).toIterable().containsExactly("runId", "agentId", "userId", "status",
                    "output", "approvalId", "code", "decisions", "updatedAt", "confirmationId", "confirmation");
        }
    }

    @Test
    void a_malformed_streaming_request_is_a_problem_before_any_event() throws Exception {
        HttpResponse<String> r = HTTP.send(as("alice", "v1/agents/banking-assistant/runs")
                .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("WARDEN-API");
        given().auth().oauth2(WardenTokens.devUser("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"hi\"}").post("/v1/agents/no-such-agent/runs").then().statusCode(404);
    }
}
