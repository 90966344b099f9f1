package dev.warden.quarkus.a2a;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.a2a.A2aCodes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Quarkus service's agent delegating to an outside A2A agent (built with the SDK, not Warden) configured under
 * {@code warden.a2a.remote}: refused until an admin pins its card (audited), then answered as untrusted content.
 */
@QuarkusTest
@QuarkusTestResource(PartnerA2aServer.class)
class A2aRemotePartnerTest {
    static String token(String user) {
        return A2aServiceTest.token(user);
    }

    static String run(String input) {
        return given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("input", input))
                .post("/v1/agents/clerk/runs").then().statusCode(200).extract().path("output");
    }

    @Test
    void partner_is_refused_until_an_admin_pins_its_card_then_answers_as_untrusted_content() {
        Instant from = Instant.now().minusMillis(1);
        assertThat(run("ask partner about tides")).contains(A2aCodes.CARD_NOT_PINNED);
        assertThat(PartnerA2aServer.AUTHORIZATIONS).as("nothing was sent").isEmpty();

        given().auth().oauth2(token("alice")).post("/v1/a2a/cards/partner/pin").then().statusCode(403);
        given().auth().oauth2(token("olga")).get("/v1/a2a/cards/partner").then().statusCode(200)
                .body("matches", org.hamcrest.Matchers.equalTo(false));
        String sha = given().auth().oauth2(token("olga")).post("/v1/a2a/cards/partner/pin").then().statusCode(200)
                .extract().path("sha256");
        assertThat(sha).hasSize(64);

        assertThat(run("ask partner about tides")).contains("High tide at 06:12");
        assertThat(PartnerA2aServer.AUTHORIZATIONS).containsOnly("Bearer partner-secret");

        List<Map<String, Object>> audit = given().auth().oauth2(token("olga")).queryParam("from", from.toString())
                .get("/v1/audit").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.get("code")).isEqualTo(A2aCodes.CARD_PINNED);
            assertThat(r.get("userId")).isEqualTo("olga");
        });
        assertThat(audit).filteredOn(r -> "DELEGATION_RESULT".equals(r.get("checkpoint")))
                .extracting(r -> r.get("outcome")).containsExactly("DENY", "ALLOW");
        assertThat(audit).filteredOn(r -> "DELEGATION_RESULT".equals(r.get("checkpoint"))
                && "ALLOW".equals(r.get("outcome"))).singleElement()
                .satisfies(r -> assertThat(((Map<?, ?>) r.get("labelsAfter")).get("integrity")).isEqualTo("UNTRUSTED"));
    }
}
