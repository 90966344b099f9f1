package dev.warden.quarkus.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Transport rules of the MCP endpoint (issue 14, L6): batch size limit, sessions bound to their principal, and a 403
 * that is problem+json without Java internals. Raw HTTP, as an attacker would send it.
 */
@QuarkusTest
class McpTransportGuardTest {
    static final String PROBLEM = "application/problem+json";
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/mcp")
    URL mcp;

    HttpResponse<String> post(String user, String session, String body) throws Exception {
        return post(user, session, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String user, String session, byte[] body) throws Exception {
        HttpRequest.Builder rb = HttpRequest.newBuilder(mcp.toURI()).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + GatewayClients.token(user));
        if (session != null) {
            rb.header("Mcp-Session-Id", session);
        }
        return http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a session as {@code user} and returns its id. */
    String open(String user) throws Exception {
        HttpResponse<String> init = post(user, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"probe\","
                + "\"version\":\"1\"}}}");
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post(user, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return session;
    }

    static String lookup(int id, String customer) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                + "\"arguments\":{\"id\":\"" + customer + "\"}}}";
    }

    @Test
    void a_batch_above_the_limit_is_refused_whole_and_none_of_its_calls_runs() throws Exception {
        String session = open("alice");
        String batch = IntStream.range(1, 51).mapToObj(i -> lookup(i, "c-batch-" + i))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> r = post("alice", session, batch);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(r.body()).contains("WARDEN-MCP-0180");
        assertThat(DeskTools.CALLS).noneMatch(c -> c.startsWith("lookup_customer:c-batch-"));
    }

    @Test
    void a_tools_call_sent_as_a_notification_is_refused_audited_and_never_run() throws Exception {
        java.time.Instant from = java.time.Instant.now().minusMillis(1);
        String session = open("alice");
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"lookup_customer\",\"arguments\":{\"id\":\"c-notified\"}}}";
        String batch = "[" + lookup(3, "c-beside-a-notification") + "," + notification.replace("c-notified",
                "c-notified-in-batch") + "]";
        // "id": null is a notification too (JSON-RPC answers it with nothing)
        String nullId = notification.replace("\"jsonrpc\":\"2.0\",", "\"jsonrpc\":\"2.0\",\"id\":null,")
                .replace("c-notified", "c-notified-null-id");
        assertThat(nullId).contains("\"id\":null,");
        for (String body : List.of(notification, batch, nullId)) {
            HttpResponse<String> r = post("alice", session, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
            assertThat(r.body()).contains("WARDEN-MCP-0010");
        }
        assertThat(DeskTools.CALLS).noneMatch(c -> c.contains("c-notified") || c.contains("c-beside"));
        assertThat(GatewayClients.audit("crm-mcp", from)).filteredOn(x -> "WARDEN-MCP-0010".equals(x.get("code")))
                .hasSize(3).allSatisfy(x -> {
                    assertThat(x.get("checkpoint")).isEqualTo("TOOL_CALL");
                    assertThat(x.get("outcome")).isEqualTo("DENY");
                    assertThat(x.get("tool")).isEqualTo("lookup_customer");
                    assertThat(x.get("userId")).isEqualTo("alice");
                });
    }

    @Test
    void a_session_id_is_refused_with_another_principals_token() throws Exception {
        String session = open("alice");
        HttpResponse<String> borrowed = post("bob", session, lookup(7, "c-borrowed"));

        assertThat(borrowed.statusCode()).as(borrowed.body()).isEqualTo(404);
        assertThat(borrowed.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(borrowed.body()).contains("WARDEN-MCP-0181");
        assertThat(DeskTools.CALLS).doesNotContain("lookup_customer:c-borrowed");
        // an id nobody opened is answered the same way
        assertThat(post("bob", "no-such-session", lookup(8, "c-guess")).statusCode()).isEqualTo(404);

        HttpResponse<String> own = post("alice", session, lookup(9, "c-own"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(DeskTools.CALLS).contains("lookup_customer:c-own");
    }

    @Test
    void a_caller_without_the_endpoints_role_gets_403_problem_json_without_java_internals() throws Exception {
        HttpResponse<String> r = post("guest", null, lookup(1, "c-guest"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(r.body()).contains("WARDEN-MCP-0182").doesNotContain("Exception", "io.quarkus", "jsonrpc");
        assertThat(DeskTools.CALLS).doesNotContain("lookup_customer:c-guest");
    }

    @Test
    void a_message_with_the_same_key_twice_is_refused_whole_and_its_call_does_not_run() throws Exception {
        String session = open("alice");
        String twice = "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"lookup_customer\",\"arguments\":{\"id\":\"c-dup-first\",\"id\":\"c-dup-last\"}}}";
        HttpResponse<String> r = post("alice", session, twice);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(r.body()).contains("\"code\":\"WARDEN-API-0004\"")
                .contains("https://warden.dev/problems/WARDEN-API-0004").doesNotContain("Exception");
        // a duplicate outside the arguments (the method itself) is refused the same way
        HttpResponse<String> method = post("alice", session, "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":"
                + "\"tools/list\",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\","
                + "\"arguments\":{\"id\":\"c-dup-method\"}}}");
        assertThat(method.statusCode()).as(method.body()).isEqualTo(400);
        assertThat(DeskTools.CALLS).noneMatch(c -> c.startsWith("lookup_customer:c-dup-"));
        // the same call written once still runs
        assertThat(post("alice", session, lookup(13, "c-dup-once")).statusCode()).isEqualTo(200);
        assertThat(DeskTools.CALLS).contains("lookup_customer:c-dup-once");
    }

    /** Bytes of {@code text} with a UTF-8 byte order mark in front. */
    static byte[] withBom(String text) {
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, out, 3, utf8.length);
        return out;
    }

    @Test
    void a_duplicate_key_behind_a_comment_a_bom_or_another_encoding_is_refused_and_its_call_does_not_run()
            throws Exception {
        String session = open("alice");
        String twice = "{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"lookup_customer\",\"arguments\":{\"id\":\"c-hidden-first\",/* c */\"id\":\"c-hidden-last\"}}}";
        String plain = twice.replace("/* c */", "");
        for (byte[] body : List.of(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8), withBom(plain),
                plain.getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                plain.getBytes(java.nio.charset.StandardCharsets.UTF_16BE),
                plain.getBytes(java.nio.charset.Charset.forName("UTF-32BE")))) {
            HttpResponse<String> r = post("alice", session, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
            assertThat(r.body()).contains("WARDEN-API-0004");
        }
        assertThat(DeskTools.CALLS).noneMatch(c -> c.startsWith("lookup_customer:c-hidden-"));
    }

    @Test
    void a_batch_above_the_limit_behind_a_bom_or_a_comment_is_refused_whole() throws Exception {
        String session = open("alice");
        String batch = IntStream.range(1, 51).mapToObj(i -> lookup(i, "c-hidden-batch-" + i))
                .collect(Collectors.joining(",", "[", "]"));
        for (byte[] body : List.of(withBom(batch), ("/* c */" + batch).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                batch.getBytes(java.nio.charset.StandardCharsets.UTF_16LE))) {
            HttpResponse<String> r = post("alice", session, body);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("WARDEN-MCP-0180");
        }
        assertThat(DeskTools.CALLS).noneMatch(c -> c.startsWith("lookup_customer:c-hidden-batch-"));
    }

    @Test
    void a_body_that_is_not_one_json_value_is_refused_before_the_server_reads_it() throws Exception {
        String session = open("alice");
        HttpResponse<String> two = post("alice", session, lookup(31, "c-two-values") + " " + lookup(32, "c-two-b"));
        HttpResponse<String> cut = post("alice", session, "{\"jsonrpc\":\"2.0\",\"id\":33,");

        assertThat(two.statusCode()).as(two.body()).isEqualTo(400);
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(400);
        assertThat(cut.body()).contains("WARDEN-API-0004").doesNotContain("Exception");
        assertThat(DeskTools.CALLS).noneMatch(c -> c.startsWith("lookup_customer:c-two-"));
    }

    @Test
    void a_caller_without_a_valid_token_gets_401_with_the_apis_problem_type() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(mcp.toURI())
                .POST(HttpRequest.BodyPublishers.ofString(lookup(1, "c-anon")))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(r.body()).contains("\"type\":\"https://warden.dev/problems/WARDEN-MCP-0007\"")
                .doesNotContain("about:blank");
    }
}
