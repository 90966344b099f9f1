package dev.warden.bomapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * An application whose pom imports only {@code warden-bom} and {@code quarkus-bom} and depends on
 * {@code warden-quarkus} starts, loads a CEL policy and runs a governed agent (issue 15: with the Quarkus BOM alone
 * it built and then crashed with {@code ProtobufRuntimeVersionException}).
 */
@QuarkusTest
class BomAppStartsTest {

    static String token() {
        return given().get("/v1/dev/tokens/alice").then().statusCode(200).extract().path("token");
    }

    @Test
    void an_app_on_the_warden_bom_starts_and_is_ready() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void the_runtime_protobuf_is_the_one_cel_was_generated_with() {
        assertEquals(4, com.google.protobuf.RuntimeVersion.MAJOR);
        assertEquals(35, com.google.protobuf.RuntimeVersion.MINOR);
    }

    @Test
    void its_agent_runs_under_its_cel_policy() {
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"input\":\"Ada\",\"conversationId\":\"c-1\"}")
                .post("/v1/agents/greeter/runs").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("output", equalTo("Hello, Ada!"));
        given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"input\":\"Mallory\",\"conversationId\":\"c-2\"}")
                .post("/v1/agents/greeter/runs").then().statusCode(200)
                .body("decisions.ruleIds.flatten()", hasItem("no-greeting-mallory"));
    }
}
