package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.warden.test.WardenTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Confirmation by the requester, what approvers see, and secrets, over the real REST API of the banking sample with
 * the audit trail in a JSONL file.
 */
@QuarkusTest
@TestProfile(ConfirmationOverRestTest.JsonlAudit.class)
class ConfirmationOverRestTest {
    static final Path AUDIT = Path.of("target", "confirmation-test-audit", "decisions.jsonl");
    static final String NEW_PAYEE = "FR1420041010050500013M02606";

    /** The audit trail as the deployed sample writes it: a JSONL file; and a test-only rate limit for carol. */
    public static class JsonlAudit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // plus a per-customer rate limit for carol (RateLimitsTest shares this profile, so one boot serves both)
            return Map.of("warden.audit.store", "jsonl", "warden.audit.jsonl.path", AUDIT.toString(),
                    "warden.policy.locations", "classpath:policies/banking.yaml,classpath:policies/banking-rates.yaml,"
                            + "classpath:policies/test-rates.yaml");
        }
    }

    @Inject
    BankingAssistant bank;

    static String token(String user) {
        return WardenTokens.devUser(user);
    }

    static Response ask(String user, String input) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/banking-assistant/runs");
    }

    static Response confirm(String user, String id, String body) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .post("/v1/confirmations/" + id);
    }

    private long transfersTo(String iban) {
        return bank.environment().transactions.stream().filter(t -> iban.equals(t.recipient)).count();
    }

    @Test
    void the_requester_confirms_the_exact_transfer_and_only_that_runs_once() {
        long before = transfersTo(NEW_PAYEE);
        Response r = ask("alice", "Send 50 EUR to " + NEW_PAYEE);
        r.then().statusCode(200).body("status", equalTo("AWAITING_CONFIRMATION"))
                .body("confirmationId", notNullValue())
                .body("confirmation.tool", equalTo("send_money"))
                .body("confirmation.arguments.find { it.name == 'recipient' }.value", equalTo(NEW_PAYEE))
                .body("confirmation.arguments.find { it.name == 'recipient' }.provenance", equalTo("USER"))
                .body("confirmation.arguments.find { it.name == 'recipient' }.source", equalTo("user request"));
        String id = r.path("confirmationId");
        String digest = r.path("confirmation.argumentsDigest");
        assertThat(transfersTo(NEW_PAYEE)).isEqualTo(before);

        given().auth().oauth2(token("alice")).get("/v1/confirmations").then().statusCode(200)
                .body("confirmationId", hasItem(id));
        given().auth().oauth2(token("alice")).get("/v1/confirmations/" + id).then().statusCode(200)
                .body("userRequest", equalTo("Send 50 EUR to " + NEW_PAYEE))
                .body("trace.checkpoint", hasItem("TOOL_CALL"))
                .body("argumentsDigest", equalTo(digest));

        // nobody else can confirm it, not even a manager, and approvers do not get it as an approval
        confirm("bob", id, "{\"confirm\":true,\"argumentsDigest\":\"" + digest + "\"}").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0220"));
        confirm("mallory", id, "{\"confirm\":true,\"argumentsDigest\":\"" + digest + "\"}").then().statusCode(404);
        given().auth().oauth2(token("bob")).get("/v1/approvals").then().statusCode(200)
                .body("approvalId", not(hasItem(id)));
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + id + "/decision").then().statusCode(403)
                .body("code", equalTo("WARDEN-APR-0220"));

        // a confirmation of changed arguments (here: another amount) is refused and the call stays pending
        String changed = dev.warden.core.agent.PendingApproval.digestOf(Map.of("recipient", NEW_PAYEE,
                "amount", 500.0, "subject", "requested by the user", "date", "2026-11-25"));
        confirm("alice", id, "{\"confirm\":true,\"argumentsDigest\":\"" + changed + "\"}").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-API-0221"));
        confirm("alice", id, "{\"confirm\":true}").then().statusCode(400).body("code", equalTo("WARDEN-APR-0223"));
        assertThat(transfersTo(NEW_PAYEE)).isEqualTo(before);

        confirm("alice", id, "{\"confirm\":true,\"argumentsDigest\":\"" + digest + "\"}").then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("decisions.find { it.decision == 'ALLOW' && it.reason == 'confirmed by alice' }", notNullValue());
        assertThat(transfersTo(NEW_PAYEE)).isEqualTo(before + 1);
        confirm("alice", id, "{\"confirm\":true,\"argumentsDigest\":\"" + digest + "\"}").then().statusCode(404);
        assertThat(transfersTo(NEW_PAYEE)).isEqualTo(before + 1);
    }

    @Test
    void a_payee_the_customer_already_pays_runs_without_confirmation_and_a_new_one_waits() {
        String known = "DE02500105170137075030"; // known_payees in the environment: Stadtwerke Berlin
        long before = transfersTo(known);
        Response r = ask("alice", "Send 20 EUR to " + known);
        r.then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(r.jsonPath().getList("decisions.findAll { it.tool == 'send_money' && it.checkpoint == 'TOOL_CALL' }.decision")).as(r.asString())
                .containsExactly("ALLOW");
        assertThat(transfersTo(known)).isEqualTo(before + 1);
        // the same words with an IBAN no record of alice's holds still wait for her
        ask("alice", "Send 20 EUR to " + NEW_PAYEE).then().statusCode(200)
                .body("status", equalTo("AWAITING_CONFIRMATION"));
    }

    @Test
    void declining_a_confirmation_ends_the_run_without_the_transfer() {
        long before = transfersTo(NEW_PAYEE);
        String id = ask("alice", "Send 20 EUR to " + NEW_PAYEE).then().statusCode(200)
                .body("status", equalTo("AWAITING_CONFIRMATION")).extract().path("confirmationId");
        confirm("alice", id, "{\"confirm\":false}").then().statusCode(200).body("status", equalTo("DENIED"))
                .body("code", equalTo("WARDEN-CORE-0220"));
        assertThat(transfersTo(NEW_PAYEE)).isEqualTo(before);
    }

    @Test
    void an_approver_reads_the_request_trace_and_provenance_of_the_run_they_are_asked_to_decide() {
        Response r = ask("alice", "Please send 900 EUR to " + NEW_PAYEE);
        r.then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        String approval = r.path("approvalId");
        String runId = r.path("runId");

        given().auth().oauth2(token("bob")).get("/v1/approvals/" + approval).then().statusCode(200)
                .body("userRequest", equalTo("Please send 900 EUR to " + NEW_PAYEE))
                .body("trace.findAll { it.checkpoint == 'TOOL_CALL' }.decision", hasItem("REQUIRE_APPROVAL"))
                .body("argumentDetails.find { it.name == 'recipient' }.provenance", equalTo("USER"))
                .body("argumentDetails.find { it.name == 'amount' }.source", equalTo("user request"));
        given().auth().oauth2(token("bob")).get("/v1/runs/" + runId).then().statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("decisions.checkpoint", hasItem("MODEL_REQUEST"));
        // not an approver of this run (wrong role, other tenant): the run stays invisible
        given().auth().oauth2(token("sam")).get("/v1/runs/" + runId).then().statusCode(404);
        given().auth().oauth2(token("mallory")).get("/v1/runs/" + runId).then().statusCode(404);
        given().auth().oauth2(token("sam")).get("/v1/approvals/" + approval).then().statusCode(404);

        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":false}")
                .post("/v1/approvals/" + approval + "/decision").then().statusCode(200);
        given().auth().oauth2(token("bob")).get("/v1/runs/" + runId).then().statusCode(404); // decided: no longer
    }

    @Test
    void a_new_password_is_never_written_in_clear() throws Exception {
        String password = "Zq7-violet-Harbour-" + System.nanoTime();
        // a password the user typed in this request, as a whole value, is allowed (banking policy v4); the point
        // here is where it may appear: the tool gets it, nothing written or shown does (views: SecretArgumentsTest)
        Response r = ask("alice", "Please change my password to " + password);
        r.then().statusCode(200).body("status", equalTo("COMPLETED"));
        assertThat(r.asString()).doesNotContain(password);
        assertThat(bank.environment().user.password).isEqualTo(password); // the tool did get it

        String audit = Files.readString(AUDIT);
        assertThat(audit).contains("update_password").contains("pbkdf2-sha256$").doesNotContain(password);
        assertThat(given().auth().oauth2(token("olga")).get("/v1/audit?tool=update_password").asString())
                .doesNotContain(password);
        given().auth().oauth2(token("olga")).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }
}
