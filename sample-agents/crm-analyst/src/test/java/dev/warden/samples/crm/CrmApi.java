package dev.warden.samples.crm;

import static io.restassured.RestAssured.given;

import dev.warden.test.WardenTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** The sample's REST API as the tests use it: demo users' tokens, runs, approvals. */
final class CrmApi {
    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private CrmApi() {}

    /** A token for a demo user of {@code warden.dev-tokens.users}, minted in the test. */
    static String token(String user) {
        return WardenTokens.devUser(user);
    }

    static Response ask(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/crm-analyst/runs");
    }

    static Response decide(String user, String approvalId, boolean approve) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("approve", approve, "comment", "checked by " + user))
                .post("/v1/approvals/" + approvalId + "/decision");
    }
}
