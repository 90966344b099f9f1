package dev.warden.samples.research;

import static dev.warden.samples.research.TeamApi.auditSince;
import static dev.warden.samples.research.TeamApi.token;
import static dev.warden.samples.research.TeamApi.where;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain {@code @RegisterAiService} summariser runs governed by the team's unchanged policies: its model calls and
 * answer are audited for the caller, and the team's {@code analysts-only} rule refuses a sales user before the model
 * is called.
 */
@QuarkusTest
class SummariserTest {

    @Test
    void an_analysts_summary_passes_every_checkpoint_and_is_audited() {
        Instant from = Instant.now().minusMillis(1);
        String summary = given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(Map.of("text", "Solar sails ride on photon pressure. They need no fuel."))
                .post("/v1/summaries").then().statusCode(200).extract().path("summary");

        assertThat(summary).isEqualTo("Summary: Solar sails ride on photon pressure.");
        List<Map<String, Object>> audit = auditSince(from);
        assertThat(audit).filteredOn(r -> "Summariser".equals(r.get("agentId")))
                .extracting(r -> r.get("checkpoint"))
                .containsExactly("MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
        assertThat(where(audit, "AGENT_OUTPUT", "Summariser")).singleElement()
                .satisfies(r -> assertThat(r.get("userId")).isEqualTo("alice"));
    }

    @Test
    void a_summary_input_over_the_run_limit_is_a_413_problem_before_the_model_runs() {
        int calls = SummariserModel.SCRIPTED.calls();
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(Map.of("text", "a".repeat(40_000)))
                .post("/v1/summaries").then().statusCode(413).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("WARDEN-LC4J-0240"));
        assertThat(SummariserModel.SCRIPTED.calls()).isEqualTo(calls);
    }

    @Test
    void the_teams_analysts_only_rule_refuses_a_sales_user_before_the_model_runs() {
        Instant from = Instant.now().minusMillis(1);
        int calls = SummariserModel.SCRIPTED.calls();
        given().auth().oauth2(token("sam")).contentType(ContentType.JSON).body(Map.of("text", "Anything."))
                .post("/v1/summaries").then().statusCode(403).contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("RT-ID-0001"));

        assertThat(SummariserModel.SCRIPTED.calls()).isEqualTo(calls);
        assertThat(where(auditSince(from), "MODEL_REQUEST", "Summariser")).singleElement().satisfies(r -> {
            assertThat(r.get("outcome")).isEqualTo("DENY");
            assertThat(r.get("userId")).isEqualTo("sam");
        });
    }
}
