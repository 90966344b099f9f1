package dev.warden.quarkus.delegation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unauthenticated inbound delegations are cheap to refuse (issue 14, L5): bounded bodies, aggregated audit. */
@QuarkusTest
class UnverifiedDelegationRefusalsTest {

    @Test
    void a_flood_of_unauthenticated_delegations_costs_at_most_one_audit_record_per_window() {
        Instant from = Instant.now().minusMillis(5);
        for (int i = 0; i < 30; i++) {
            given().contentType(ContentType.JSON).body("{\"agentId\":\"helper\",\"task\":\"flood " + i + "\"}")
                    .post("/v1/delegations").then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("WARDEN-DLG-0020"));
        }
        List<Map<String, Object>> refusals = DelegationServiceTest.audit(from).stream()
                .filter(r -> "DELEGATION".equals(r.get("checkpoint")) && "WARDEN-DLG-0020".equals(r.get("code")))
                .toList();
        // the first of the window may already have been recorded by another test from the same address
        assertThat(refusals).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void an_oversized_delegation_body_is_refused_with_413_problem_json_before_it_is_read() {
        String big = "{\"agentId\":\"helper\",\"task\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(big).post("/v1/delegations").then().statusCode(413)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0183"));
    }
}
