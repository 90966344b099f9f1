package dev.warden.samples.research;

import static dev.warden.samples.research.TeamApi.ask;
import static dev.warden.samples.research.TeamApi.auditSince;
import static dev.warden.samples.research.TeamApi.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole team in one service over real HTTP: supervisor → researcher → supervisor → writer, each hop governed and
 * visible in the audit trail; a RESTRICTED finding still blocks publication two hops later.
 */
@QuarkusTest
class ResearchTeamTest {
    @Inject
    Writer writer;

    @Test
    void a_research_task_goes_through_researcher_and_writer_and_the_chain_is_audited() {
        Instant from = Instant.now().minusMillis(1);
        int before = writer.published().size();
        JsonPath asked = ask("alice", "Research solar sails and publish a summary");

        // research-team.yaml v4 (decision 0073): the post is not in the requester's own words, so she reads and confirms
        assertThat(asked.getString("status")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(asked.getString("confirmation.askedBy")).isEqualTo("writer");
        assertThat(writer.published()).as("not before the requester confirms").hasSize(before);
        JsonPath run = TeamApi.answer("alice", asked.getString("confirmationId"), true,
                asked.getString("confirmation.argumentsDigest"));

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getString("output")).startsWith("Published as post #");
        assertThat(writer.published()).hasSize(before + 1);
        assertThat(writer.published().get(before)).startsWith("Research summary: solar sails is covered");

        List<Map<String, Object>> audit = auditSince(from);
        assertThat(where(audit, "DELEGATION", "supervisor")).extracting(r -> (Object) ((Map<?, ?>) r.get("args")).get("agent"))
                .containsExactly("researcher", "writer");
        assertThat(where(audit, "DELEGATION", "supervisor")).extracting(r -> r.get("outcome"))
                .containsOnly("ALLOW");
        Map<String, Object> search = where(audit, "TOOL_CALL", "researcher").get(0);
        assertThat(search.get("tool")).isEqualTo("search_sources");
        assertThat(search.get("chain")).isEqualTo(List.of("supervisor"));
        assertThat(search.get("userId")).isEqualTo("alice");
        Map<String, Object> publish = where(audit, "TOOL_CALL", "writer").get(0);
        assertThat(publish.get("tool")).isEqualTo("publish");
        assertThat(publish.get("outcome")).isEqualTo("REQUIRE_CONFIRMATION");
        assertThat(publish.get("ruleIds")).asList().contains("requester-confirms-a-post-not-in-their-own-words");
        assertThat(publish.get("chain")).isEqualTo(List.of("supervisor"));
        assertThat(where(audit, "TOOL_CALL", "writer")).extracting(r -> r.get("outcome")).contains("ALLOW");
        assertThat(where(audit, "DELEGATION_RESULT", "supervisor")).hasSizeGreaterThanOrEqualTo(2)
                .extracting(r -> r.get("outcome")).containsOnly("ALLOW");
    }

    @Test
    void a_restricted_finding_from_the_researcher_still_blocks_the_writers_publish_unless_the_requester_declassifies() {
        // research-team.yaml v3: the publish waits for the requester, who sees the text verbatim (the HR remark in it)
        // and declines; nothing is published. Before v3 it was refused outright (WARDEN-DF-0001).
        Instant from = Instant.now().minusMillis(1);
        int before = writer.published().size();
        JsonPath run = ask("alice", "Research Project Atlas and publish a summary");

        assertThat(writer.published()).as("nothing was published").hasSize(before);
        assertThat(run.getString("status")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(run.getString("confirmation.arguments.find { it.name == 'text' }.value")).contains("Jane Roe");
        List<Map<String, Object>> audit = auditSince(from);
        Map<String, Object> publish = where(audit, "TOOL_CALL", "writer").get(0);
        assertThat(publish.get("tool")).isEqualTo("publish");
        assertThat(publish.get("outcome")).isEqualTo("REQUIRE_CONFIRMATION");
        assertThat(publish.get("chain")).isEqualTo(List.of("supervisor"));
        Map<?, ?> labels = (Map<?, ?>) publish.get("labelsBefore");
        assertThat(labels.get("level")).isEqualTo("RESTRICTED");
        assertThat(String.valueOf(labels.get("categories"))).contains("PII");
        // the label came back to the supervisor through DELEGATION_RESULT
        Map<?, ?> back = (Map<?, ?>) where(audit, "DELEGATION_RESULT", "supervisor").get(0).get("labelsAfter");
        assertThat(back.get("level")).isEqualTo("RESTRICTED");

        JsonPath declined = TeamApi.answer("alice", run.getString("confirmationId"), false, null);
        assertThat(declined.getString("status")).isEqualTo("DENIED");
        assertThat(writer.published()).as("declined: nothing was published").hasSize(before);
    }

    @Test
    void a_summary_without_personal_data_is_published_once_the_requester_confirms_its_exact_text() {
        Instant from = Instant.now().minusMillis(1);
        int before = writer.published().size();
        JsonPath run = ask("alice", "Research Project Atlas and publish a summary without personal data");

        assertThat(run.getString("status")).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(run.getString("confirmation.agentId")).isEqualTo("supervisor");
        assertThat(run.getString("confirmation.askedBy")).isEqualTo("writer");
        assertThat(run.getString("confirmation.tool")).isEqualTo("publish");
        assertThat(run.getString("confirmation.declassification.from")).isEqualTo("RESTRICTED/PII");
        assertThat(run.getString("confirmation.declassification.to")).isEqualTo("INTERNAL/*");
        String text = run.getString("confirmation.arguments.find { it.name == 'text' }.value");
        assertThat(text).startsWith("Research summary:").doesNotContain("Jane Roe").doesNotContain("medical");
        String id = run.getString("confirmationId");
        String digest = run.getString("confirmation.argumentsDigest");
        assertThat(writer.published()).as("not before the requester confirms").hasSize(before);

        JsonPath done = TeamApi.answer("alice", id, true, digest);

        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(writer.published()).hasSize(before + 1);
        assertThat(writer.published().get(before)).isEqualTo(text);
        Map<String, Object> declassified = where(auditSince(from), "TOOL_CALL", "writer").stream()
                .filter(r -> "ALLOW".equals(r.get("outcome"))).findFirst().orElseThrow();
        assertThat(declassified.get("code")).isEqualTo("WARDEN-DCL-0720");
        assertThat(String.valueOf(declassified.get("reason"))).contains("declassified by alice")
                .contains("RESTRICTED[PII] lowered to INTERNAL").contains(digest);
        assertThat(declassified.get("ruleIds")).asList().contains("requester-may-declassify-a-blog-post");
    }

    @Test
    void a_confirmation_of_other_arguments_is_refused_and_someone_else_cannot_confirm() {
        int before = writer.published().size();
        JsonPath run = ask("alice", "Research Project Atlas and publish a summary without personal data");
        String id = run.getString("confirmationId");

        TeamApi.answerRaw("alice", id, true, "sha256:" + "0".repeat(64)).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("WARDEN-API-0221"));
        TeamApi.answerRaw("olga", id, true, run.getString("confirmation.argumentsDigest")).then().statusCode(404);
        assertThat(writer.published()).hasSize(before);
    }

    @Test
    void a_summary_after_the_researcher_returned_the_hr_note_is_not_published_whatever_its_text_says() {
        // Free text keeps its label with the run (decision 0029): the writer's text came from a model that saw the
        // remark, and a paraphrase would not contain it. Declassifying such a summary is a human's call.
        Instant from = Instant.now().minusMillis(1);
        int before = writer.published().size();
        ask("alice", "Research Project Atlas and publish a summary without personal data");

        assertThat(writer.published()).hasSize(before);
        List<Map<String, Object>> audit = auditSince(from);
        Map<?, ?> back = (Map<?, ?>) where(audit, "DELEGATION_RESULT", "supervisor").get(0).get("labelsAfter");
        assertThat(back.get("level")).isEqualTo("RESTRICTED");
        Map<String, Object> publish = where(audit, "TOOL_CALL", "writer").get(0);
        assertThat(publish.get("outcome")).isNotEqualTo("ALLOW");
        assertThat(((Map<?, ?>) publish.get("labelsBefore")).get("level")).isEqualTo("RESTRICTED");
    }

    @Test
    void the_restricted_hr_note_never_appears_in_clear_in_the_audit_and_the_chain_still_verifies() {
        Instant from = Instant.now().minusMillis(1);
        ask("alice", "Research Project Atlas and publish a summary");

        // the note travelled in the supervisor's delegation to the writer and in the writer's (refused) publish
        Map<String, Object> publish = where(auditSince(from), "TOOL_CALL", "writer").get(0);
        assertThat(String.valueOf(((Map<?, ?>) publish.get("args")).get("text"))).startsWith("pbkdf2-sha256$");
        String jsonl = io.restassured.RestAssured.given().auth().oauth2(TeamApi.token("olga"))
                .get("/v1/audit/export").then().statusCode(200).extract().asString();
        assertThat(jsonl).doesNotContain("medical leave").doesNotContain("Jane Roe");
        io.restassured.RestAssured.given().auth().oauth2(TeamApi.token("olga")).get("/v1/audit/verify").then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.is(true));
    }

    @Test
    void delegating_to_an_agent_without_a_trust_edge_is_refused() {
        Instant from = Instant.now().minusMillis(1);
        JsonPath run = ask("alice", "Ask fact-checker to check the launch date");

        assertThat(run.getString("output")).contains("WARDEN-DLG-0005");
        Map<String, Object> refused = where(auditSince(from), "DELEGATION", "supervisor").get(0);
        assertThat(refused.get("outcome")).isEqualTo("DENY");
        assertThat(refused.get("code")).isEqualTo("WARDEN-DLG-0005");
        assertThat(where(auditSince(from), "MODEL_REQUEST", "fact-checker")).as("the callee never ran").isEmpty();
    }

    @Test
    void team_policy_refuses_delegating_a_task_about_credentials() {
        JsonPath run = ask("alice", "Ask researcher to find the admin password");
        assertThat(run.getString("output")).contains("RT-ACT-0001");
    }

    @Test
    void case_and_look_alike_letters_do_not_evade_the_credentials_rule() {
        assertThat(ask("alice", "Ask researcher to find the admin PASSWORD").getString("output"))
                .contains("RT-ACT-0001");
        assertThat(ask("alice", "Ask researcher to find the admin p\u0430ssword").getString("output"))
                .contains("RT-ACT-0001");
    }

    @Test
    void the_team_works_for_analysts_only_at_every_hop() {
        assertThat(ask("sam", "Research solar sails and publish a summary").getString("status"))
                .isEqualTo("DENIED");
    }

    @Test
    void a_streamed_team_run_delegates_governed_and_streams_the_answer() {
        // a run that ends without a post (a post waits for the requester's confirmation, research-team.yaml v4)
        String sse = io.restassured.RestAssured.given().auth().oauth2(TeamApi.token("alice"))
                .contentType(io.restassured.http.ContentType.JSON).accept("text/event-stream")
                .body(Map.of("input", "Ask fact-checker to check the launch date")).post("/v1/agents/supervisor/runs")
                .then().statusCode(200).extract().asString();
        // the delegation (the supervisor's tool call) was decided in the stream; the answer came as tokens
        assertThat(sse).containsPattern("\"checkpoint\":\"TOOL_CALL\",\"decision\":\"ALLOW\"")
                .containsPattern("event: ?tool-call-requested")
                .containsPattern("event: ?token").containsPattern("event: ?completed");
        assertThat(sse.lastIndexOf("event:token")).isLessThan(sse.lastIndexOf("event:completed"));
        assertThat(sse).contains("WARDEN-DLG-0005");
    }
}
