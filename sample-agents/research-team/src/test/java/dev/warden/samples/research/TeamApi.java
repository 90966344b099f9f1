package dev.warden.samples.research;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The sample's REST API as the tests use it. */
final class TeamApi {
    private TeamApi() {}

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static JsonPath ask(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/supervisor/runs").then().statusCode(200).extract().jsonPath();
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
