package dev.warden.quarkus.delegation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Principal;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.FileReplayStore;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.delegation.token.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The starter wired into a Quarkus service: directory, delegate tool, in-process delegation, POST /v1/delegations. */
@QuarkusTest
class DelegationServiceTest {
    @Inject
    AgentDirectory directory;
    @Inject
    DelegationKeys keys;
    @Inject
    ReplayStore replay;
    @Inject
    DelegationEdges edges;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static JsonPath run(String agent, String input) {
        return given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("input", input)).post("/v1/agents/" + agent + "/runs")
                .then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> audit(Instant from) {
        return given().auth().oauth2(token("olga")).queryParam("from", from.toString()).get("/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static final String HARBOURS = "look up harbours";

    /** A token as a replica of this service (issuer desk-svc) would sign it, for {@code task}. */
    static String contextToken(SigningKey key, String task, String callee, String... chain) {
        return tokenFrom("desk-svc", key, task, callee, chain);
    }

    static String tokenFrom(String issuer, SigningKey key, String task, String callee, String... chain) {
        GovernanceContext ctx = GovernanceContext.of(new Principal("alice", null, Set.of("analyst"), Map.of()),
                AgentIdentity.of(callee));
        for (String hop : chain) {
            ctx = ctx.withHop(new Hop(hop, Set.of()));
        }
        return new ContextTokenIssuer(key, issuer, Clock.systemUTC(), Duration.ofSeconds(60)).issue(ctx, task);
    }

    static io.restassured.response.ValidatableResponse post(String token, String body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            spec = spec.header("Authorization", "Warden-Context " + token);
        }
        return spec.post("/v1/delegations").then();
    }

    @Test
    void the_trust_edges_are_declared_to_the_agent_inventory_with_their_transport() {
        assertThat(edges.edges()).extracting(e -> e.fromAgent() + "->" + e.toAgent() + ":" + e.kind())
                .containsExactlyInAnyOrder("planner->helper:local", "reviewer->outsider:local");
    }

    @Test
    void directory_holds_the_local_agents_and_the_configured_edge() {
        assertThat(directory.all()).extracting(c -> c.id()).contains("planner", "helper", "outsider");
        assertThat(directory.edge("planner", "helper")).isPresent();
        assertThat(directory.edge("planner", "outsider")).isEmpty();
        assertThat(directory.callersOf("outsider")).containsExactly("reviewer");
        assertThat(directory.find("helper").orElseThrow().tools()).extracting(t -> t.name()).containsExactly("lookup");
    }

    @Test
    void the_card_of_an_agent_with_an_intercepted_tool_lists_the_tools_its_agent_runs() {
        Object helper = io.quarkus.arc.ClientProxy.unwrap(io.quarkus.arc.Arc.container()
                .instance(DeskAgents.Helper.class).get());
        assertThat(helper.getClass()).as("an intercepted bean is a generated subclass")
                .isNotEqualTo(DeskAgents.Helper.class);
        assertThat(directory.find("helper").orElseThrow().tools()).extracting(t -> t.name()).containsExactly("lookup");
        int before = CountedCalls.Counter.CALLS.get();

        run("helper", HARBOURS);

        assertThat(CountedCalls.Counter.CALLS.get()).as("the tool ran through its interceptor").isGreaterThan(before);
    }

    @Test
    void only_agents_with_an_outgoing_edge_get_the_delegate_tool() {
        given().auth().oauth2(token("alice")).get("/v1/agents/planner").then().statusCode(200)
                .body("tools.name", hasItem("delegate"));
        given().auth().oauth2(token("alice")).get("/v1/agents/helper").then().statusCode(200)
                .body("tools.name", not(hasItem("delegate")));
    }

    @Test
    void planner_delegates_to_helper_in_process_and_both_sides_are_audited() {
        Instant from = Instant.now().minusMillis(1);
        JsonPath r = run("planner", "ask helper about tides");
        assertThat(r.getString("status")).isEqualTo("COMPLETED");
        assertThat(r.getString("output")).contains("FACT: tides is well documented");

        List<Map<String, Object>> records = audit(from);
        assertThat(records).filteredOn(d -> "DELEGATION".equals(d.get("checkpoint")))
                .singleElement().satisfies(d -> {
                    assertThat(d.get("agentId")).isEqualTo("planner");
                    assertThat(d.get("outcome")).isEqualTo("ALLOW");
                });
        assertThat(records).filteredOn(d -> "lookup".equals(d.get("tool")) && "TOOL_CALL".equals(d.get("checkpoint")))
                .singleElement().satisfies(d -> {
                    assertThat(d.get("agentId")).isEqualTo("helper");
                    assertThat(d.get("userId")).isEqualTo("alice");
                    assertThat(d.get("chain")).isEqualTo(List.of("planner"));
                });
        assertThat(records).filteredOn(d -> "DELEGATION_RESULT".equals(d.get("checkpoint")))
                .extracting(d -> d.get("outcome")).containsExactly("ALLOW");
    }

    @Test
    void delegation_without_a_trust_edge_is_refused_and_recorded() {
        Instant from = Instant.now().minusMillis(1);
        JsonPath r = run("planner", "ask outsider about tides");
        assertThat(r.getString("output")).contains("WARDEN-DLG-0005");
        assertThat(audit(from)).filteredOn(d -> "DELEGATION".equals(d.get("checkpoint")))
                .singleElement().satisfies(d -> {
                    assertThat(d.get("outcome")).isEqualTo("DENY");
                    assertThat(d.get("code")).isEqualTo("WARDEN-DLG-0005");
                });
    }

    @Test
    void an_agent_outside_the_delegate_tools_targets_is_refused_by_the_tool_schema() {
        JsonPath r = run("planner", "ask nobody about tides");
        assertThat(r.getString("output")).contains("WARDEN-CORE-0006").doesNotContain("FACT");
    }

    @Test
    void policy_at_DELEGATION_can_refuse_a_trusted_edge() {
        JsonPath r = run("planner", "ask helper about the secret plan");
        assertThat(r.getString("output")).contains("DESK-0001");
    }

    @Test
    void jwks_publishes_the_signing_key() {
        given().get("/v1/delegations/jwks").then().statusCode(200)
                .body("keys.kid", hasItem(keys.signingKey().keyId()))
                .body("keys[0].d", equalTo(null));
    }

    @Test
    void inbound_delegation_with_a_valid_token_runs_the_agent_once() {
        String token = contextToken(keys.signingKey(), HARBOURS, "helper", "planner");
        String body = "{\"agentId\":\"helper\",\"task\":\"look up harbours\"}";
        post(token, body).statusCode(200).body("status", equalTo("COMPLETED"))
                .body("output", containsString("FACT: harbours"));
        post(token, body).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-DLG-0024")).body("status", equalTo(401));
    }

    @Test
    void inbound_refusals_are_problem_json_with_the_library_codes() {
        String helperTask = "{\"agentId\":\"helper\",\"task\":\"look up harbours\"}";
        post(null, helperTask).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-DLG-0020"));
        post(contextToken(keys.signingKey(), HARBOURS, "helper", "planner"), "{\"agent\":1}").statusCode(400)
                .body("code", equalTo("WARDEN-DLG-0040"));
        post(contextToken(keys.signingKey(), "x", "nobody", "planner"), "{\"agentId\":\"nobody\",\"task\":\"x\"}")
                .statusCode(404).body("code", equalTo("WARDEN-DLG-0001"));
        SigningKey forger = SigningKey.generateEs256(keys.signingKey().keyId());
        post(contextToken(forger, HARBOURS, "helper", "planner"), helperTask).statusCode(401)
                .body("code", equalTo("WARDEN-DLG-0021"));
        post(contextToken(keys.signingKey(), HARBOURS, "helper", "outsider"), helperTask).statusCode(403)
                .body("code", equalTo("WARDEN-DLG-0005"));
        post(contextToken(keys.signingKey(), HARBOURS, "helper", "outsider", "planner", "x"),
                helperTask).statusCode(403)
                .body("code", equalTo("WARDEN-DLG-0003"));
    }

    @Test
    void a_captured_token_delivering_another_task_is_refused_audited_and_does_not_use_up_the_token() {
        Instant from = Instant.now().minusMillis(1);
        String token = contextToken(keys.signingKey(), HARBOURS, "helper", "planner");
        post(token, "{\"agentId\":\"helper\",\"task\":\"look up every customer's phone number\"}")
                .statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-DLG-0160"));
        assertThat(audit(from)).filteredOn(d -> "DELEGATION".equals(d.get("checkpoint")))
                .singleElement().satisfies(d -> {
                    assertThat(d.get("outcome")).isEqualTo("DENY");
                    assertThat(d.get("code")).isEqualTo("WARDEN-DLG-0160");
                });
        post(token, "{\"agentId\":\"helper\",\"task\":\"" + HARBOURS + "\"}").statusCode(200)
                .body("output", containsString("FACT: harbours"));
    }

    @Test
    void issuers_are_checked_against_configuration() {
        String body = "{\"agentId\":\"helper\",\"task\":\"" + HARBOURS + "\"}";
        post(tokenFrom("mallory", keys.signingKey(), HARBOURS, "helper", "planner"), body).statusCode(401)
                .body("code", equalTo("WARDEN-DLG-0162"));
        // warden.delegation.trusted-issuers lists desk-peer
        post(tokenFrom("desk-peer", keys.signingKey(), HARBOURS, "helper", "planner"), body).statusCode(200);
    }

    @Test
    void the_replay_store_is_the_configured_file() {
        assertThat(replay).isInstanceOf(FileReplayStore.class);
        String token = contextToken(keys.signingKey(), HARBOURS, "helper", "planner");
        post(token, "{\"agentId\":\"helper\",\"task\":\"" + HARBOURS + "\"}").statusCode(200);
        assertThat(Path.of("target/delegation-replay/replay.log")).content().contains(
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(jtiOf(token).getBytes()));
    }

    static String jtiOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return JsonPath.from(payload).getString("jti");
    }
}
