package dev.warden.quarkus.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST API end to end inside one Quarkus application: real HTTP, real JWT verification, real Governor. */
class WardenApiTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"));

    @Inject
    TellerAgent teller;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static Response run(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\",\"conversationId\":\"c-1\"}")
                .post("/v1/agents/teller/runs");
    }

    @Test
    void inventory_lists_the_agent_with_its_tools_effects_and_policies() {
        given().auth().oauth2(token("alice")).get("/v1/agents/teller").then().statusCode(200)
                .body("id", equalTo("teller"))
                .body("owner", equalTo("payments"))
                .body("policies", hasItem("teller"))
                .body("tools.find { it.name == 'send_money' }.effects", hasItem("FINANCIAL"));
        given().auth().oauth2(token("alice")).get("/v1/agents").then().statusCode(200).body("id", hasItem("teller"));
    }

    @Test
    void an_allowed_run_completes_and_is_visible_to_its_requester_only() {
        Response r = run("alice", "what is my balance?");
        r.then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("decisions.checkpoint", hasItem("TOOL_CALL"));
        String runId = r.path("runId");
        given().auth().oauth2(token("alice")).get("/v1/runs/" + runId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        given().auth().oauth2(token("mia")).get("/v1/runs/" + runId).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0006"));
        given().auth().oauth2(token("olga")).get("/v1/runs/" + runId).then().statusCode(200);
    }

    @Test
    void a_denied_tool_never_runs_and_the_run_says_why() {
        int before = teller.deletions.size();
        run("alice", "please close my account").then().statusCode(200)
                .body("decisions.find { it.checkpoint == 'TOOL_CALL' }.decision", equalTo("DENY"))
                .body("decisions.find { it.checkpoint == 'TOOL_CALL' }.code", equalTo("TELLER-0001"));
        assertThat(teller.deletions).hasSize(before);
    }

    @Test
    void yaml_policies_are_enforced_by_the_built_in_planes_and_name_their_rule_and_version() {
        int before = teller.transfers.size();
        run("alice", "send 50 EUR to KP12345678901234").then().statusCode(200)
                .body("decisions.find { it.checkpoint == 'TOOL_CALL' }.decision", equalTo("DENY"))
                .body("decisions.find { it.checkpoint == 'TOOL_CALL' }.ruleIds", hasItem("no-sanctioned-destinations"));
        assertThat(teller.transfers).hasSize(before);
        run("alice", "send 50 EUR to DE89370400440532013000").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertThat(teller.transfers).hasSize(before + 1);
    }

    @Test
    void a_large_transfer_waits_for_a_manager_and_runs_once_after_approval() {
        int before = teller.transfers.size();
        Response r = run("alice", "send 500 EUR to DE89370400440532013000");
        r.then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        String approvalId = r.path("approvalId");
        assertThat(teller.transfers).hasSize(before);

        given().auth().oauth2(token("mia")).get("/v1/approvals?status=PENDING").then().statusCode(200)
                .body("approvalId", hasItem(approvalId));
        // separation of duties: the requester cannot approve
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-APR-0003"));
        // another tenant cannot even see it
        given().auth().oauth2(token("eve")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(404);

        given().auth().oauth2(token("mia")).contentType(ContentType.JSON)
                .body("{\"approve\":true,\"comment\":\"known payee\"}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertThat(teller.transfers).hasSize(before + 1);
        given().auth().oauth2(token("mia")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(409)
                .body("code", equalTo("WARDEN-APR-0002"));
        assertThat(teller.transfers).hasSize(before + 1);
    }

    @Test
    void the_audit_trail_is_queryable_by_auditors_and_verifies() {
        String runId = run("alice", "what is my balance?").path("runId");
        given().auth().oauth2(token("olga")).get("/v1/audit?runId=" + runId).then().statusCode(200)
                .body("runId", hasItem(runId)).body("checkpoint", hasItem("TOOL_CALL"));
        given().auth().oauth2(token("olga")).get("/v1/audit?runId=" + runId + "&tool=get_balance&decision=allow")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.greaterThan(0))
                .body("tool", org.hamcrest.Matchers.everyItem(equalTo("get_balance")))
                .body("outcome", org.hamcrest.Matchers.everyItem(equalTo("ALLOW")));
        given().auth().oauth2(token("olga")).get("/v1/audit?runId=" + runId + "&decision=DENY").then()
                .statusCode(200).body("size()", equalTo(0));
        String export = given().auth().oauth2(token("olga")).get("/v1/audit/export").then().statusCode(200)
                .contentType("application/jsonl").extract().asString();
        java.util.List<String> lines = export.lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"tenant\":\"default\""))
                .anySatisfy(l -> assertThat(l).contains(runId));
        assertThat(dev.warden.core.audit.HashChainVerifier.verify(lines).valid()).isTrue();
        given().auth().oauth2(token("alice")).get("/v1/audit/export").then().statusCode(403);
        given().auth().oauth2(token("olga")).post("/v1/audit/export/otel").then().statusCode(200)
                .body("exported", equalTo(lines.size()));
        given().auth().oauth2(token("olga")).get("/v1/audit?decision=maybe").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("REQUIRE_APPROVAL"));
        given().auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("firstBrokenSeq", nullValue());
        given().auth().oauth2(token("alice")).get("/v1/audit/verify").then().statusCode(403)
                .body("code", equalTo("WARDEN-API-0002"));
        given().auth().oauth2(token("olga")).get("/v1/audit?from=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("ISO-8601"));
    }

    @Test
    void api_misuse_gets_problem_json_with_stable_codes() {
        given().contentType(ContentType.JSON).body("{\"input\":\"hi\"}").post("/v1/agents/teller/runs").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("WARDEN-API-0001"));
        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body("{\"input\":\"hi\"}")
                .post("/v1/agents/teller/runs").then().statusCode(401).body("code", equalTo("WARDEN-API-0001"));
        String forged = token("alice");
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA" + forged.substring(forged.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/v1/agents").then().statusCode(401);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"input\":\"hi\"}")
                .post("/v1/agents/nobody/runs").then().statusCode(404).body("code", equalTo("WARDEN-API-0003"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"input\": ")
                .post("/v1/agents/teller/runs").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("WARDEN-API-0004"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{}")
                .post("/v1/agents/teller/runs").then().statusCode(400).body("code", equalTo("WARDEN-API-0004"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"" + "x".repeat(32_001) + "\"}")
                .post("/v1/agents/teller/runs").then().statusCode(413).body("code", equalTo("WARDEN-API-0005"));
        given().get("/v1/dev/tokens/mallory").then().statusCode(404).body("code", equalTo("WARDEN-API-0009"));
    }

    /**
     * Mutational fuzzing of request bodies (seeded, so a failure reproduces): truncations, duplicated and swapped
     * characters, wrong types, deep nesting, huge numbers, NULs. Every answer is a 200 run or a 4xx problem+json —
     * never a 500, never a hang.
     */
    @Test
    void mutated_bodies_never_cause_a_server_error() {
        String token = token("alice");
        java.util.Random random = new java.util.Random(20261125);
        String[] seeds = {"{\"input\":\"what is my balance?\",\"conversationId\":\"c-1\"}",
            "{\"approve\":true,\"comment\":\"ok\"}"};
        String[] fragments = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e309", "-0", "\\u0000",
            "[[[[[[[[[[[[[[[[[[[[", "\\", "\"input\":{}", "\"input\":[]", "\"input\":7", "\"approve\":\"yes\""};
        for (int i = 0; i < 150; i++) {
            StringBuilder body = new StringBuilder(seeds[i % seeds.length]);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && body.length() > 0; e++) {
                int at = random.nextInt(body.length());
                switch (random.nextInt(4)) {
                    case 0 -> body.setLength(at);
                    case 1 -> body.insert(at, fragments[random.nextInt(fragments.length)]);
                    case 2 -> body.deleteCharAt(at);
                    default -> body.insert(at, body.charAt(at));
                }
            }
            String path = i % seeds.length == 0 ? "/v1/agents/teller/runs" : "/v1/approvals/none/decision";
            Response r = given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString()).post(path);
            assertThat(r.statusCode()).as("status for %s", body).isIn(200, 400, 403, 404, 409, 413);
            if (r.statusCode() != 200) {
                assertThat(r.contentType()).as("problem for %s", body).startsWith("application/problem+json");
            }
        }
    }
}
