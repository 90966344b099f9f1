package dev.warden.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Embedded defaults are durable: a run suspended for approval survives a restart of the packaged service (file-backed
 * approval store beside the JSONL audit), resumes once after the restart, and the audit chain continues unbroken.
 */
class RestartE2ETest {
    private static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    @Test
    void a_pending_approval_survives_a_restart_and_the_audit_chain_continues() throws Exception {
        Path work = Path.of("target", "e2e-restart");
        List<String> props = List.of("-Dquarkus.profile=demo",
                "-Dwarden.audit.jsonl.path=" + work.toAbsolutePath().resolve("audit/decisions.jsonl"));
        Path jar = Path.of(System.getProperty("warden.sample.jar"));
        String approval;
        try (SampleProcess first = new SampleProcess(jar, work, props)) {
            RestAssured.baseURI = first.baseUri();
            approval = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                    .body("{\"input\":\"Send 900 EUR to FR1420041010050500013M02606\"}")
                    .post("/v1/agents/banking-assistant/runs").then().statusCode(200)
                    .body("status", equalTo("AWAITING_APPROVAL")).extract().path("approvalId");
        }
        try (SampleProcess second = new SampleProcess(jar, work, props)) {
            RestAssured.baseURI = second.baseUri();
            given().auth().oauth2(token("bob")).get("/v1/approvals").then().statusCode(200)
                    .body("approvalId", hasItem(approval));
            given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":true}")
                    .post("/v1/approvals/" + approval + "/decision").then().statusCode(200)
                    .body("status", equalTo("COMPLETED"));
            given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":true}")
                    .post("/v1/approvals/" + approval + "/decision").then().statusCode(409);
            given().auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(true));
        }
    }
}
