package dev.warden.samples.research;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The researcher served over A2A (opt-in: the test profile sets {@code warden.a2a.serve=researcher}), called with raw
 * A2A JSON-RPC as any A2A client would; same Quarkus boot as the other tests of this sample.
 */
@QuarkusTest
class ResearcherOverA2aTest {
    static final String SEND = """
            {"jsonrpc":"2.0","id":"1","method":"message/send","params":{"message":{"kind":"message","role":"user",
            "messageId":"m-1","parts":[{"kind":"text","text":"Find sources about solar sails"}]}}}""";

    @Test
    void researcher_card_is_published_with_its_tool_as_a_skill() {
        given().get("/a2a/researcher/.well-known/agent-card.json").then().statusCode(200)
                .body("name", equalTo("researcher"))
                .body("skills.id", hasItem("search_sources"));
        given().get("/a2a/supervisor/.well-known/agent-card.json").then().statusCode(404);
    }

    @Test
    void an_a2a_task_runs_the_researcher_governed_as_the_token_user() {
        given().auth().oauth2(TeamApi.token("alice")).contentType(ContentType.JSON).body(SEND).post("/a2a/researcher")
                .then().statusCode(200)
                .body("result.status.state", equalTo("completed"))
                .body("result.artifacts[0].parts[0].text", org.hamcrest.Matchers.containsString("solar sails"));
        given().contentType(ContentType.JSON).body(SEND).post("/a2a/researcher").then().statusCode(401);
    }
}
