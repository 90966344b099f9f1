package dev.warden.quarkus.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The error contract of the REST API (issue 14, L4/L5/L9): every 4xx is problem+json with its own stable code and
 * no Java class names; oversized bodies are refused before they are read; authentication comes before parsing; one
 * tenant learns nothing about another's audit size or approvals.
 */
class ApiErrorContractTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class, TellerPlane.class,
                    AppEcho.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"));

    static final String PROBLEM = "application/problem+json";

    /** An application's own endpoint: Warden's strict body reading (decision 0056) does not reach it. */
    @jakarta.ws.rs.Path("/app/echo")
    public static class AppEcho {
        public static class Body {
            public String value;
        }

        @jakarta.ws.rs.POST
        @jakarta.ws.rs.Consumes("application/json")
        @jakarta.ws.rs.Produces("text/plain")
        public String echo(Body body) {
            return body.value;
        }
    }

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static Response run(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/teller/runs");
    }

    static void assertNoClassNames(Response r) {
        assertThat(r.asString()).doesNotContain("Dtos", "$", "java.", "dev.warden", "com.fasterxml", "Exception");
    }

    @Test
    void wrong_method_media_type_or_accept_header_get_their_own_codes_not_the_internal_one() {
        given().auth().oauth2(token("alice")).delete("/v1/agents/teller").then().statusCode(405)
                .contentType(PROBLEM).body("code", equalTo("WARDEN-API-0180"));
        given().auth().oauth2(token("alice")).accept("application/xml").get("/v1/agents").then().statusCode(406)
                .contentType(PROBLEM).body("code", equalTo("WARDEN-API-0181"));
        given().auth().oauth2(token("alice")).contentType(ContentType.TEXT).body("hello")
                .post("/v1/agents/teller/runs").then().statusCode(415)
                .contentType(PROBLEM).body("code", equalTo("WARDEN-API-0182"));
    }

    @Test
    void a_query_parameter_of_the_wrong_type_is_a_400_bad_parameter_not_a_404() {
        Response r = given().auth().oauth2(token("olga")).get("/v1/audit?limit=abc");
        r.then().statusCode(400).contentType(PROBLEM).body("code", equalTo("WARDEN-API-0007"));
        assertNoClassNames(r);
    }

    @Test
    void an_oversized_body_is_refused_with_413_problem_json_before_it_is_read() {
        String big = "{\"input\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(big)
                .post("/v1/agents/teller/runs").then().statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("WARDEN-API-0183")).body("status", equalTo(413));
    }

    @Test
    void body_errors_name_the_field_and_position_but_never_a_java_class() {
        for (String body : new String[] {"{\"input\":{\"nested\":1}}", "[1,2,3]", "\"just a string\"",
            "{\"input\":\"hi\",\"conversationId\":[1]}", "{\"input\": tru}"}) {
            Response r = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(body)
                    .post("/v1/agents/teller/runs");
            r.then().statusCode(400).contentType(PROBLEM).body("code", equalTo("WARDEN-API-0004"));
            assertNoClassNames(r);
        }
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"input\":{\"nested\":1}}")
                .post("/v1/agents/teller/runs").then().body("detail", org.hamcrest.Matchers.containsString("'input'"));
    }

    @Test
    void authentication_is_checked_before_the_body_is_parsed() {
        String malformed = "{\"input\": [" + "[".repeat(50_000);
        given().contentType(ContentType.JSON).body(malformed).post("/v1/agents/teller/runs").then().statusCode(401)
                .contentType(PROBLEM).body("code", equalTo("WARDEN-API-0001"));
        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body("{").post("/v1/approvals/x/decision")
                .then().statusCode(401).contentType(PROBLEM).body("code", equalTo("WARDEN-API-0001"));
    }

    @Test
    void audit_verify_reports_only_the_callers_tenant() {
        run("alice", "what is my balance?").then().statusCode(200);
        run("eve", "what is my balance?").then().statusCode(200);
        run("eve", "what is my balance?").then().statusCode(200);
        for (String auditor : new String[] {"olga", "otto"}) {
            long own = given().auth().oauth2(token(auditor)).get("/v1/audit/export").then().statusCode(200)
                    .extract().asString().lines().count();
            given().auth().oauth2(token(auditor)).get("/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(true)).body("records", equalTo((int) own));
        }
    }

    @Test
    void another_tenants_approval_gets_the_same_answer_pending_or_resolved() {
        String approvalId = run("alice", "send 500 EUR to DE89370400440532013000").path("approvalId");
        Response pending = decide("eve", approvalId);
        decide("mia", approvalId).then().statusCode(200);
        Response resolved = decide("eve", approvalId);
        Response unknown = decide("eve", "no-such-approval");

        pending.then().statusCode(404).contentType(PROBLEM).body("code", equalTo("WARDEN-APR-0001"));
        resolved.then().statusCode(404).contentType(PROBLEM).body("code", equalTo("WARDEN-APR-0001"));
        unknown.then().statusCode(404).body("code", equalTo("WARDEN-APR-0001"));
        assertThat(resolved.path("detail").toString()).isEqualTo(pending.path("detail").toString());
        // the owning tenant still hears that it was decided
        decide("mia", approvalId).then().statusCode(409).body("code", equalTo("WARDEN-APR-0002"));
    }

    @Test
    void a_decision_that_is_not_a_json_boolean_decides_nothing_and_is_a_400() {
        String approvalId = run("alice", "send 500 EUR to DE89370400440532013000").path("approvalId");
        for (String answer : new String[] {"1", "\"true\"", "0", "\"false\"", "\"yes\""}) {
            Response r = given().auth().oauth2(token("mia")).contentType(ContentType.JSON)
                    .body("{\"approve\":" + answer + "}").post("/v1/approvals/" + approvalId + "/decision");
            r.then().statusCode(400).contentType(PROBLEM).body("code", equalTo("WARDEN-API-0004"))
                    .body("detail", org.hamcrest.Matchers.containsString("'approve'"));
            assertNoClassNames(r);
        }
        // nothing was decided: the approval is still pending and a real boolean decides it
        decide("mia", approvalId).then().statusCode(200);
        for (String body : new String[] {"{\"input\":5}", "{\"input\":true}", "{\"input\":\"hi\",\"conversationId\":7}"}) {
            given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(body)
                    .post("/v1/agents/teller/runs").then().statusCode(400).contentType(PROBLEM)
                    .body("code", equalTo("WARDEN-API-0004"));
        }
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body("{\"confirm\":1}")
                .post("/v1/confirmations/any").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("WARDEN-API-0004")).body("detail", org.hamcrest.Matchers.containsString("'confirm'"));
    }

    @Test
    void a_decision_with_the_same_key_twice_decides_nothing_and_is_a_400() {
        String approvalId = run("alice", "send 500 EUR to DE89370400440532013000").path("approvalId");
        for (String body : new String[] {"{\"approve\":false,\"approve\":true}", "{\"approve\":true,\"comment\":"
                + "\"a\",\"comment\":\"b\"}", "{\"approve\":false}{\"approve\":true}"}) {
            Response r = given().auth().oauth2(token("mia")).contentType(ContentType.JSON).body(body)
                    .post("/v1/approvals/" + approvalId + "/decision");
            r.then().statusCode(400).contentType(PROBLEM).body("code", equalTo("WARDEN-API-0004"))
                    .body("type", equalTo("https://warden.dev/problems/WARDEN-API-0004"));
            assertNoClassNames(r);
        }
        given().auth().oauth2(token("mia")).contentType(ContentType.JSON).body("{\"approve\":false,\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then()
                .body("detail", org.hamcrest.Matchers.containsString("key twice"));
        // the application's own endpoints keep its ObjectMapper's behaviour (Jackson's default: the last key)
        given().contentType(ContentType.JSON).body("{\"value\":\"first\",\"value\":\"last\"}").post("/app/echo")
                .then().statusCode(200).body(equalTo("last"));
        // nothing was decided: the approval is still pending and a body with each key once decides it
        decide("mia", approvalId).then().statusCode(200);
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"hi\",\"input\":\"send 500 EUR to DE89370400440532013000\"}")
                .post("/v1/agents/teller/runs").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("WARDEN-API-0004"));
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body("{\"confirm\":false,\"confirm\":true,\"argumentsDigest\":\"x\"}")
                .post("/v1/confirmations/any").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("WARDEN-API-0004"));
    }

    @Test
    void readiness_needs_no_token_and_tells_an_anonymous_caller_only_each_checks_status() {
        run("alice", "what is my balance?").then().statusCode(200);
        Response r = given().get("/q/health/ready");
        r.then().statusCode(200).body("checks.find { it.name == 'warden-policies' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warden-audit' }.status", equalTo("UP"));
        assertThat(r.asString()).as("policy versions, record counts and errors need warden.health.details=true")
                .doesNotContain("\"data\"", "teller@", "records", "chainChecked");
    }

    static Response decide(String user, String approvalId) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision");
    }
}
