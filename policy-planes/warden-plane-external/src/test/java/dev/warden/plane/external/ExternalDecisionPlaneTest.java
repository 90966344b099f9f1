package dev.warden.plane.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.SecretArguments;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExternalDecisionPlaneTest {
    final AuthZenServer pdp;
    final AtomicLong nanos = new AtomicLong();

    ExternalDecisionPlaneTest() throws Exception {
        pdp = new AuthZenServer();
    }

    @AfterEach
    void stop() {
        pdp.close();
    }

    static GovernanceContext ctx(String user, String... roles) {
        return new GovernanceContext(new Principal(user, "acme", Set.of(roles), Map.of("region", "eu")),
                new AgentIdentity("banking-assistant", "4", "retail"), TaskContext.of("run-" + user), null, null,
                null);
    }

    static CheckpointRequest call(String tool, Map<String, Object> args) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named(tool, Effect.FINANCIAL), "c1", args);
    }

    ExternalDecisionPlane.Builder plane() {
        // generous: these tests are about answers, not speed (a_pdp_slower_than_the_timeout sets its own)
        return ExternalDecisionPlane.builder(pdp.base()).timeout(Duration.ofSeconds(2)).cacheTicker(nanos::get);
    }

    static Verdict check(ExternalDecisionPlane plane, CheckpointRequest r, GovernanceContext c) {
        return Governor.builder().plane(plane).build().evaluate(r, c).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void allows_what_the_pdp_allows_and_denies_with_its_reason() {
        ExternalDecisionPlane plane = plane().build();
        Verdict ok = check(plane, call("send_money", Map.of("amount", 100)), ctx("alice", "customer"));
        assertThat(ok.outcome()).as(ok.reason()).isEqualTo(Outcome.ALLOW);
        assertThat(ok.decisions()).singleElement().satisfies(d -> {
            assertThat(d.plane()).isEqualTo("external");
            assertThat(d.decision().basis().ruleIds()).containsExactly("external.pdp");
        });
        Verdict no = check(plane, call("send_money", Map.of("amount", 5000)), ctx("alice", "customer"));
        assertThat(no.outcome()).isEqualTo(Outcome.DENY);
        assertThat(no.code()).isEqualTo(PdpCodes.DENIED);
        assertThat(no.reason()).contains("transfers above 1000 need a branch");
        assertThat(no.ruleIds()).containsExactly("external.pdp");
    }

    @Test
    void asks_with_an_authzen_access_evaluation_request_without_secrets_or_run_ids() {
        ExternalDecisionPlane plane = plane().header("Authorization", "Bearer pdp-token").build();
        check(plane, call("update_password", Map.of("password", "hunter2", "user", "alice")), ctx("alice",
                "customer"));
        assertThat(pdp.received()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/access/v1/evaluation");
            assertThat(r.authorization()).isEqualTo("Bearer pdp-token");
            JsonNode b = r.body();
            assertThat(b.at("/subject/type").asText()).isEqualTo("user");
            assertThat(b.at("/subject/id").asText()).isEqualTo("alice");
            assertThat(b.at("/subject/properties/tenant").asText()).isEqualTo("acme");
            assertThat(b.at("/subject/properties/roles/0").asText()).isEqualTo("customer");
            assertThat(b.at("/subject/properties/attributes/region").asText()).isEqualTo("eu");
            assertThat(b.at("/action/name").asText()).isEqualTo("tool_call");
            assertThat(b.at("/resource/type").asText()).isEqualTo("tool");
            assertThat(b.at("/resource/id").asText()).isEqualTo("update_password");
            assertThat(b.at("/resource/properties/effects/0").asText()).isEqualTo("FINANCIAL");
            assertThat(b.at("/resource/properties/arguments/user").asText()).isEqualTo("alice");
            assertThat(b.at("/resource/properties/arguments/password").asText()).isEqualTo(SecretArguments.REDACTED);
            assertThat(b.at("/context/agent/id").asText()).isEqualTo("banking-assistant");
            assertThat(b.at("/context/checkpoint").asText()).isEqualTo("TOOL_CALL");
            assertThat(b.toString()).doesNotContain("hunter2").doesNotContain("run-alice").doesNotContain("c1");
        });
    }

    @Test
    void arguments_stay_home_when_so_configured() {
        check(plane().sendArguments(false).build(), call("send_money", Map.of("amount", 5000)),
                ctx("alice", "customer"));
        assertThat(pdp.received().get(0).body().at("/resource/properties").has("arguments")).isFalse();
    }

    @Test
    void a_pdp_slower_than_the_timeout_blocks_the_call() {
        // the plane's own timer (1 s) must fire well before the governor's budget for it (1.5 s) on a loaded machine
        pdp.answer(req -> new AuthZenServer.Reply(200, "{\"decision\":true}", 5_000));
        Verdict v = check(plane().timeout(Duration.ofSeconds(1)).build(), call("send_money", Map.of("amount", 1)),
                ctx("alice", "customer"));
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(PdpCodes.TIMEOUT);
        assertThat(v.proceeds()).isFalse();
    }

    @Test
    void a_server_error_blocks_the_call() {
        for (int status : new int[] {500, 503, 401, 404}) {
            pdp.answer(req -> new AuthZenServer.Reply(status, "{\"decision\":true}", 0));
            Verdict v = check(plane().noCache().build(), call("send_money", Map.of("amount", 1)),
                    ctx("alice", "customer"));
            assertThat(v.outcome()).as("HTTP %d", status).isEqualTo(Outcome.ERROR);
            assertThat(v.code()).isEqualTo(PdpCodes.ERROR_STATUS);
        }
    }

    @Test
    void a_malformed_answer_blocks_the_call() {
        String big = "{\"decision\":true,\"context\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
        for (String body : new String[] {"allow", "", "{}", "[true]", "{\"decision\":\"true\"}",
                "{\"decision\":1}", "{\"decision\":null}", "{\"allowed\":true}", big}) {
            pdp.answer(req -> new AuthZenServer.Reply(200, body, 0));
            Verdict v = check(plane().noCache().build(), call("send_money", Map.of("amount", 1)),
                    ctx("alice", "customer"));
            assertThat(v.outcome()).as("answer %.40s", body).isEqualTo(Outcome.ERROR);
            assertThat(v.code()).as("answer %.40s", body).isEqualTo(PdpCodes.MALFORMED_ANSWER);
        }
    }

    @Test
    void an_unreachable_pdp_blocks_the_call() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        ExternalDecisionPlane plane = ExternalDecisionPlane.builder(URI.create("http://127.0.0.1:" + port))
                .timeout(Duration.ofSeconds(2)).build();
        Verdict v = check(plane, call("send_money", Map.of("amount", 1)), ctx("alice", "customer"));
        assertThat(v.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(v.code()).isEqualTo(PdpCodes.UNREACHABLE);
    }

    @Test
    void answers_are_cached_for_their_ttl_and_failures_are_not() {
        AtomicInteger asked = new AtomicInteger();
        pdp.answer(req -> asked.incrementAndGet() == 1 ? new AuthZenServer.Reply(503, "", 0)
                : AuthZenServer.bankPolicy(req));
        ExternalDecisionPlane plane = plane().cacheFor(Duration.ofSeconds(30), 100).build();
        CheckpointRequest r = call("send_money", Map.of("amount", 100));
        assertThat(check(plane, r, ctx("alice", "customer")).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(check(plane, r, ctx("alice", "customer")).outcome()).isEqualTo(Outcome.ALLOW);
        // another run, another call id: the same question, answered from the cache
        CheckpointRequest again = CheckpointRequest.toolCall(7, r.tool(), "c99", r.arguments());
        GovernanceContext otherRun = ctx("alice", "customer").withTask(TaskContext.of("run-2"));
        assertThat(check(plane, again, otherRun).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(asked.get()).isEqualTo(2);
        // a different question is asked
        assertThat(check(plane, call("send_money", Map.of("amount", 5000)), ctx("alice", "customer")).outcome())
                .isEqualTo(Outcome.DENY);
        assertThat(asked.get()).isEqualTo(3);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(check(plane, r, ctx("alice", "customer")).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(asked.get()).isEqualTo(4);
    }

    @Test
    void a_tool_call_naming_no_tool_is_denied_without_asking() {
        CheckpointRequest none = new CheckpointRequest(dev.warden.core.Checkpoint.TOOL_CALL, 1, null, "c", Map.of(),
                null, null, null, null);
        Verdict v = check(plane().build(), none, ctx("alice", "customer"));
        assertThat(v.proceeds()).isFalse();
        assertThat(v.code()).isEqualTo(PdpCodes.MALFORMED_REQUEST);
        assertThat(pdp.received()).isEmpty();
    }
}
