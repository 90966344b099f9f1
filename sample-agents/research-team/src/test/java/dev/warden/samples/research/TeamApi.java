package dev.warden.samples.research;

import static io.restassured.RestAssured.given;

import dev.warden.test.WardenTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The sample's REST API as the tests use it. */
final class TeamApi {
    private TeamApi() {}

    /** A token for a demo user of {@code warden.dev-tokens.users}, minted in the test. */
    static String token(String user) {
        return WardenTokens.devUser(user);
    }

    static JsonPath ask(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/supervisor/runs").then().statusCode(200).extract().jsonPath();
    }

    /** The requester's answer to a pending confirmation ({@code POST /v1/confirmations/{id}}). */
    static JsonPath answer(String user, String confirmationId, boolean confirm, String digest) {
        return answerRaw(user, confirmationId, confirm, digest).then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.Response answerRaw(String user, String confirmationId, boolean confirm,
            String digest) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("confirm", confirm);
        if (digest != null) {
            body.put("argumentsDigest", digest);
        }
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post("/v1/confirmations/" + confirmationId);
    }

    /** Audit records since {@code from}, read as the auditor. */
    static List<Map<String, Object>> auditSince(Instant from) {
        return given().auth().oauth2(token("olga")).queryParam("from", from.toString()).get("/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static List<Map<String, Object>> where(List<Map<String, Object>> records, String checkpoint, String agentId) {
        return records.stream().filter(r -> checkpoint.equals(r.get("checkpoint")))
                .filter(r -> agentId == null || agentId.equals(r.get("agentId"))).toList();
    }
}
