package dev.warden.samples.crm;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** The sample's REST API as the tests use it: dev tokens, runs, approvals. */
final class CrmApi {
    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private CrmApi() {}

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
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
