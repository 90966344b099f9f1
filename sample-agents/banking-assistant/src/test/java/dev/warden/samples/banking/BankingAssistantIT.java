package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The banking sample as a user deploys it: the packaged application (the jar in {@code verify}; the native binary with
 * {@code -Dnative}, see docs/native.md), over HTTP only. Covers what a native image could lose: policy files loaded
 * from the classpath, CEL evaluation, detectors, JSON records, the audit trail and readiness.
 */
@QuarkusIntegrationTest
class BankingAssistantIT {

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static Response ask(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/banking-assistant/runs");
    }

    @Test
    void balance_question_is_answered() {
        ask("alice", "What is my balance?").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("output", containsString("EUR"));
    }

    @Test
    void an_injected_transfer_is_denied_by_the_classpath_policy() {
        ask("alice", "Show me my recent transactions").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'send_money' }.decision", hasItem("DENY"))
                .body("decisions.findAll { it.tool == 'send_money' }.ruleIds.flatten()",
                        hasItem("recipient-from-user-or-records"));
    }

    @Test
    void readiness_needs_no_token_and_shows_each_checks_status_only() {
        ask("alice", "What is my balance?").then().statusCode(200);
        // policy versions and audit counts are not for anonymous callers (warden.health.details, decision 0056)
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'warden-policies' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warden-audit' }.status", equalTo("UP"))
                .body(org.hamcrest.Matchers.not(containsString("banking@")))
                .body(org.hamcrest.Matchers.not(containsString("records")));
    }

    /** Decision 0063: the packaged jar prepares the document on this first request; JSON and YAML as before. */
    @Test
    void openapi_document_is_served_as_json_and_yaml() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("\"openapi\""), containsString("/v1/agents/{agentId}/runs"));
        given().get("/q/openapi?format=yaml").then().statusCode(200)
                .body(containsString("openapi: "), containsString("/v1/agents/{agentId}/runs"));
    }
}
