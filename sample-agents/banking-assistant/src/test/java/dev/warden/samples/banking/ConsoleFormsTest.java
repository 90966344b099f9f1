package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.warden.test.WardenTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Console forms over real HTTP: a field given twice is refused (400 {@code WARDEN-CON-0636}) and decides nothing, where
 * it was read first-wins before (a proxy or request log in front may read the other value; decision 0060).
 */
@QuarkusTest
class ConsoleFormsTest {
    static final String PAYEE = "FR1420041010050500013M02606";
    static final String CSRF = "f".repeat(43);

    @Test
    void a_console_form_with_a_field_given_twice_is_refused_and_decides_nothing() {
        String approval = given().auth().oauth2(WardenTokens.devUser("carol")).contentType(ContentType.JSON)
                .body("{\"input\":\"Please send 980 EUR to " + PAYEE + "\"}").post("/v1/agents/banking-assistant/runs")
                .then().statusCode(200).body("status", containsString("AWAITING_APPROVAL"))
                .extract().path("approvalId");
        String bob = WardenTokens.devUser("bob");
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .formParam("decision", "deny", "approve").post("/warden/approvals/" + approval)
                .then().statusCode(400).body(containsString("WARDEN-CON-0636")).body(containsString("decision"));
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF, CSRF)
                .formParam("decision", "deny").post("/warden/approvals/" + approval)
                .then().statusCode(400).body(containsString("WARDEN-CON-0636"));
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .formParam("decision", "deny").formParam("comment", "ok", "fraud").post("/warden/approvals/" + approval)
                .then().statusCode(400).body(containsString("WARDEN-CON-0636"));
        given().auth().oauth2(bob).get("/v1/approvals").then().statusCode(200).body("approvalId", hasItem(approval));

        String sam = WardenTokens.devUser("sam");
        given().cookie("warden-console", sam).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .formParam("action", "suspend").formParam("target", "agent")
                .formParam("id", "no-such-agent", "banking-assistant").formParam("reason", "test")
                .post("/warden/inventory/suspensions").then().statusCode(400).body(containsString("WARDEN-CON-0636"));
        given().auth().oauth2(WardenTokens.devUser("alice")).contentType(ContentType.JSON)
                .body("{\"input\":\"What is my balance?\"}").post("/v1/agents/banking-assistant/runs")
                .then().statusCode(200).body("status", containsString("COMPLETED"));
        // one value each is still accepted
        given().cookie("warden-console", bob).cookie("warden-console-csrf", CSRF).formParam("_csrf", CSRF)
                .formParam("decision", "deny").formParam("comment", "not today").post("/warden/approvals/" + approval)
                .then().statusCode(200).body(containsString("Denied"));
    }
}
