package dev.warden.quarkus.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Governor;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The embedded inventory (no database): the same REST API, answering for this service. */
@QuarkusTest
class EmbeddedInventoryTest {
    @Inject
    Governor governor;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static JsonPath run(String user, String agent, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/" + agent + "/runs").then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.ValidatableResponse suspend(String user, String target, String id, String reason) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("target", target, "id", id, "reason", reason)).post("/v1/inventory/suspensions").then();
    }

    static io.restassured.response.ValidatableResponse resume(String user, String target, String id) {
        return given().auth().oauth2(token(user)).queryParam("reason", "checked")
                .delete("/v1/inventory/suspensions/" + target + "/" + id).then();
    }

    @Test
    void embedded_inventory_lists_this_service_agents_with_tools_and_policy_versions() {
        JsonPath agents = given().auth().oauth2(token("olga")).get("/v1/inventory/agents").then().statusCode(200)
                .extract().jsonPath();
        assertThat(agents.getList("id", String.class)).containsExactly("clerk", "teller");
        assertThat(agents.getString("find { it.id == 'teller' }.owner")).isEqualTo("tom");
        assertThat(agents.getString("find { it.id == 'teller' }.riskTier")).isEqualTo("HIGH");
        assertThat(agents.getList("find { it.id == 'teller' }.services", String.class)).containsExactly("counter-svc");
        JsonPath teller = given().auth().oauth2(token("sam")).get("/v1/inventory/agents/teller").then()
                .statusCode(200).extract().jsonPath();
        assertThat(teller.getList("tools.name", String.class)).containsExactly("balance", "payout");
        assertThat(teller.getString("tools.find { it.name == 'payout' }.schemaHash")).startsWith("sha256:");
        assertThat(teller.getList("policyVersions.policySet", String.class)).containsExactly("counter");
        assertThat(teller.getString("policyVersions[0].changedBy")).isEqualTo("warden:startup");
        assertThat(teller.getInt("agent.liveInstances")).isEqualTo(1);
    }

    @Test
    void inventory_is_role_guarded_and_an_owner_sees_only_own_agents() {
        given().auth().oauth2(token("alice")).get("/v1/inventory/agents").then().statusCode(403)
                .body("code", equalTo("WARDEN-INV-0610"));
        assertThat(given().auth().oauth2(token("tom")).get("/v1/inventory/agents").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).containsExactly("teller");
        given().auth().oauth2(token("tom")).get("/v1/inventory/agents/clerk").then().statusCode(403);
        given().auth().oauth2(token("olga")).get("/v1/inventory/agents/nobody").then().statusCode(404)
                .body("code", equalTo("WARDEN-INV-0611"));
        suspend("olga", "agent", "clerk", "auditors only read").statusCode(403);
        suspend("tom", "tool", "note", "not his to stop").statusCode(403);
        suspend("sam", "robot", "clerk", "x").statusCode(400).body("code", equalTo("WARDEN-INV-0612"));
        suspend("sam", "agent", "clerk", " ").statusCode(400).body("code", equalTo("WARDEN-INV-0612"));
    }

    @Test
    void suspended_agent_is_refused_at_the_next_checkpoint_until_resumed_and_both_are_audited() {
        Instant before = Instant.now();
        assertThat(run("alice", "clerk", "note hello").getString("status")).isEqualTo("COMPLETED");
        suspend("sam", "agent", "clerk", "notes leak customer data").statusCode(201)
                .body("suspension.suspendedBy", equalTo("sam")).body("suspension.target", equalTo("agent"))
                .body("audited", equalTo(true));
        JsonPath refused = run("alice", "clerk", "note hello");
        assertThat(refused.getString("status")).isEqualTo("DENIED");
        assertThat(refused.getString("code")).isEqualTo(InventoryCodes.AGENT_SUSPENDED);
        assertThat(given().auth().oauth2(token("olga")).get("/v1/inventory/agents/clerk").then().statusCode(200)
                .extract().path("agent.state").toString()).isEqualTo("SUSPENDED");
        resume("tom", "agent", "clerk").statusCode(403);
        resume("sam", "agent", "clerk").statusCode(200).body("liftedBy", equalTo("sam"));
        resume("sam", "agent", "clerk").statusCode(404).body("code", equalTo("WARDEN-INV-0613"));
        assertThat(run("alice", "clerk", "note hello").getString("status")).isEqualTo("COMPLETED");

        List<Map<String, Object>> trail = given().auth().oauth2(token("olga")).queryParam("from", before.toString())
                .get("/v1/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(trail).anySatisfy(r -> {
            assertThat(r.get("checkpoint")).isEqualTo("INVENTORY_SUSPEND");
            assertThat(r.get("userId")).isEqualTo("sam");
            assertThat((String) r.get("reason")).contains("notes leak customer data");
        });
        assertThat(trail).anySatisfy(r -> {
            assertThat(r.get("checkpoint")).isEqualTo("INVENTORY_RESUME");
            assertThat(r.get("userId")).isEqualTo("sam");
        });
    }

    @Test
    void a_resume_with_the_reason_given_twice_is_refused_and_the_agent_stays_suspended() {
        suspend("sam", "agent", "clerk", "checking a report").statusCode(201);
        try {
            given().auth().oauth2(token("sam")).queryParam("reason", "checked", "false alarm")
                    .delete("/v1/inventory/suspensions/agent/clerk").then().statusCode(400)
                    .body("code", equalTo(InventoryCodes.BAD_SUSPENSION));
            assertThat(run("alice", "clerk", "note hello").getString("status")).isEqualTo("DENIED");
        } finally {
            resume("sam", "agent", "clerk"); // no status check here: it would hide the assertion above
        }
    }

    @Test
    void suspended_tool_is_refused_for_every_agent_with_its_own_code() {
        suspend("sam", "tool", "balance", "wrong balances reported").statusCode(201);
        try {
            JsonPath r = run("alice", "teller", "balance acc1");
            assertThat(r.getString("output")).doesNotContain("1000");
            assertThat(r.getList("decisions.code", String.class)).contains(InventoryCodes.TOOL_SUSPENDED);
        } finally {
            resume("sam", "tool", "balance").statusCode(200);
        }
    }

    @Test
    void pending_approval_of_a_suspended_agent_is_frozen_until_resumed() {
        JsonPath pending = run("alice", "teller", "pay 500 to bob");
        assertThat(pending.getString("status")).isEqualTo("AWAITING_APPROVAL");
        String approval = pending.getString("approvalId");
        suspend("tom", "agent", "teller", "owner stops it").statusCode(201); // an owner may stop their own agent
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(409)
                .body("code", equalTo(InventoryCodes.APPROVAL_FROZEN));
        resume("sam", "agent", "teller").statusCode(200);
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(Map.of("approve", true))
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    @Test
    void access_map_equals_the_audit_of_a_scripted_workload() {
        Instant from = Instant.now();
        suspend("sam", "agent", "teller", "officer action inside the window").statusCode(201);
        resume("sam", "agent", "teller").statusCode(200);
        run("alice", "teller", "balance acc7");
        run("carol", "teller", "pay 50 to blocked");
        run("alice", "teller", "pay 20 to dave");
        Instant to = Instant.now().plusMillis(1);
        JsonPath map = given().auth().oauth2(token("tom")).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/v1/inventory/agents/teller/access").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> trail = given().auth().oauth2(token("olga")).queryParam("agentId", "teller")
                .queryParam("from", from.toString()).queryParam("to", to.toString()).get("/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(map.getLong("records")).isEqualTo(trail.size());
        assertThat(map.getInt("tools.find { it.tool == 'payout' }.calls")).isEqualTo(2);
        assertThat(map.getInt("tools.find { it.tool == 'payout' }.outcomes.DENY")).isEqualTo(1);
        assertThat(map.getInt("tools.find { it.tool == 'balance' }.outcomes.ALLOW")).isEqualTo(1);
        assertThat(map.getList("users.userId", String.class)).containsExactly("alice", "carol"); // not sam
        assertThat(map.getList("sinks.sink", String.class)).contains("balance", "payout", "user");
        assertThat(map.getString("decisions.find { it.ruleId == 'no-payout-to-blocked' }.outcome")).isEqualTo("DENY");
    }

    @Test
    void undeclared_tool_calls_are_flagged() {
        GovernanceContext ctx = GovernanceContext.of(new Principal("alice", null, Set.of("customer"), Map.of()),
                new AgentIdentity("teller", "1", "tom"));
        Verdict v = governor.check(CheckpointRequest.toolCall(1, ToolDescriptor.named("exfiltrate"), "c1", Map.of()),
                ctx);
        assertThat(v.decisions()).anySatisfy(d -> assertThat(d.plane()).isEqualTo("inventory"));
        await(() -> given().auth().oauth2(token("sam")).get("/v1/inventory/undeclared").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class).contains("exfiltrate"));
        JsonPath u = given().auth().oauth2(token("sam")).get("/v1/inventory/undeclared").then().extract().jsonPath();
        assertThat(u.getString("find { it.name == 'exfiltrate' }.agentId")).isEqualTo("teller");
        assertThat(u.getString("find { it.name == 'exfiltrate' }.kind")).isEqualTo("tool");
    }

    @Test
    void declared_delegation_edges_are_listed_and_the_access_map_maps_delegations_to_them() {
        JsonPath edges = given().auth().oauth2(token("olga")).get("/v1/inventory/edges").then().statusCode(200)
                .extract().jsonPath();
        assertThat(edges.getList("collect { it.fromAgent + '->' + it.toAgent + ':' + it.kind }", String.class))
                .containsExactly("teller->clerk:local");
        assertThat(edges.getList("[0].scopes", String.class)).containsExactly("notes:write");
        assertThat(edges.getList("[0].purposes", String.class)).containsExactly("bookkeeping");
        assertThat(edges.getBoolean("[0].declared")).isTrue();
        given().auth().oauth2(token("tom")).get("/v1/inventory/edges").then().statusCode(403);
        assertThat(given().auth().oauth2(token("sam")).get("/v1/inventory/agents/clerk").then().statusCode(200)
                .extract().jsonPath().getList("edges.fromAgent", String.class)).containsExactly("teller");

        Instant from = Instant.now();
        GovernanceContext ctx = GovernanceContext.of(new Principal("alice", null, Set.of("customer"), Map.of()),
                new AgentIdentity("teller", "1", "tom"));
        governor.check(delegation("clerk"), ctx);
        Verdict stray = governor.check(delegation("stranger"), ctx);
        assertThat(stray.decisions()).anySatisfy(d -> assertThat(d.plane()).isEqualTo("inventory"));
        JsonPath map = given().auth().oauth2(token("tom")).queryParam("from", from.toString())
                .queryParam("to", Instant.now().plusMillis(1).toString()).get("/v1/inventory/agents/teller/access")
                .then().statusCode(200).extract().jsonPath();
        assertThat(map.getString("delegations.find { it.agent == 'clerk' }.kind")).isEqualTo("local");
        assertThat(map.getBoolean("delegations.find { it.agent == 'clerk' }.declared")).isTrue();
        assertThat(map.getInt("delegations.find { it.agent == 'clerk' }.count")).isEqualTo(1);
        assertThat(map.getBoolean("delegations.find { it.agent == 'stranger' }.declared")).isFalse();
        await(() -> given().auth().oauth2(token("sam")).get("/v1/inventory/undeclared").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class).contains("stranger"));
        assertThat(given().auth().oauth2(token("sam")).get("/v1/inventory/undeclared").then().extract().jsonPath()
                .getList("name", String.class)).doesNotContain("clerk");
    }

    @Test
    void a_policy_rule_on_inventory_declared_asks_an_officer_to_approve_an_undeclared_tool() {
        GovernanceContext ctx = GovernanceContext.of(new Principal("alice", null, Set.of("customer"), Map.of()),
                new AgentIdentity("teller", "1", "tom"));
        Verdict v = governor.check(CheckpointRequest.toolCall(1, ToolDescriptor.named("wire_out"), "c9", Map.of()),
                ctx);
        assertThat(v.outcome().name()).isEqualTo("REQUIRE_APPROVAL");
        assertThat(v.ruleIds()).contains("undeclared-tools-need-an-officer");
        // the declared tools of the agent are not touched by the rule
        assertThat(run("alice", "teller", "balance acc1").getString("status")).isEqualTo("COMPLETED");
    }

    static CheckpointRequest delegation(String target) {
        return new CheckpointRequest(dev.warden.core.Checkpoint.DELEGATION, 1, null, null,
                Map.of("agent", target, "task", "file it"), "file it", null, target, Map.of());
    }

    @Test
    void export_as_csv_has_one_row_per_agent_and_tool() {
        String csv = given().auth().oauth2(token("olga")).queryParam("format", "csv").get("/v1/inventory/export")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("agent_id,services,owner");
        assertThat(lines).hasSize(1 + 3);
        given().auth().oauth2(token("olga")).get("/v1/inventory/export").then().statusCode(200)
                .body("agents.size()", equalTo(2));
        given().auth().oauth2(token("olga")).queryParam("format", "xml").get("/v1/inventory/export").then()
                .statusCode(400).body("code", equalTo("WARDEN-INV-0614"));
    }

    @Test
    void the_endpoints_answer_concurrent_callers() throws Exception {
        String olga = token("olga");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = List.of("/v1/inventory/agents", "/v1/inventory/agents/teller", "/v1/inventory/drift",
                        "/v1/inventory/suspensions").get(i % 4);
                calls.add(() -> given().auth().oauth2(olga).get(path).then().extract().statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static void await(java.util.function.BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within 15 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
