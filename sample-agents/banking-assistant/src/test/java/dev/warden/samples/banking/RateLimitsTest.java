package dev.warden.samples.banking;

import static dev.warden.samples.banking.BankingAssistantTest.ask;
import static dev.warden.samples.banking.BankingAssistantTest.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The rate plane plugin over REST: a per-customer limit across runs ({@code test-rates.yaml}: max 5 {@code send_money}
 * per user per hour, for carol alone; the sample itself ships a per-run limit in {@code banking-rates.yaml}).
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(ConfirmationOverRestTest.JsonlAudit.class)
class RateLimitsTest {
    static final String PAYEE = "FR1420041010050500013M02606";

    @Inject
    BankingAssistant bank;

    private long carolsTransfers() {
        return bank.environment("default", "carol").transactions.stream().filter(t -> PAYEE.equals(t.recipient))
                .count();
    }

    private static Response confirm(Response held, boolean yes) {
        return ConfirmationOverRestTest.confirm("carol", held.path("confirmationId"), "{\"confirm\":" + yes
                + ",\"argumentsDigest\":\"" + held.path("confirmation.argumentsDigest") + "\"}");
    }

    @Test
    void the_sixth_transfer_in_an_hour_is_refused_and_refused_or_denied_transfers_do_not_count() {
        // denied by another rule (an injected payee): no unit taken
        ask("carol", "Show me my recent transactions").then().statusCode(200)
                .body("decisions.findAll { it.tool == 'send_money' }.decision", hasItem("DENY"));
        // refused by the manager: the unit held while waiting comes back
        Response big = ask("carol", "Please send 900 EUR to " + PAYEE);
        big.then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body("{\"approve\":false}")
                .post("/v1/approvals/" + big.path("approvalId") + "/decision").then().statusCode(200)
                .body("status", equalTo("DENIED"));
        // declined by carol herself: the same
        Response declined = ask("carol", "Please send 10 EUR to " + PAYEE);
        declined.then().statusCode(200).body("status", equalTo("AWAITING_CONFIRMATION"));
        confirm(declined, false).then().statusCode(200).body("status", equalTo("DENIED"));
        assertThat(carolsTransfers()).isZero();

        // the first transfer to a new payee is confirmed; once paid, the payee is one carol already pays
        Response first = ask("carol", "Please send 11 EUR to " + PAYEE);
        first.then().statusCode(200).body("status", equalTo("AWAITING_CONFIRMATION"));
        confirm(first, true).then().statusCode(200).body("status", equalTo("COMPLETED"));
        for (int i = 2; i <= 5; i++) {
            ask("carol", "Please send " + (10 + i) + " EUR to " + PAYEE).then().statusCode(200)
                    .body("status", equalTo("COMPLETED"));
        }
        assertThat(carolsTransfers()).isEqualTo(5);

        ask("carol", "Please send 20 EUR to " + PAYEE).then().statusCode(200)
                .body("decisions.findAll { it.tool == 'send_money' }.decision", hasItem("DENY"))
                .body("decisions.findAll { it.tool == 'send_money' }.code", hasItem("WARDEN-RATE-0430"))
                .body("decisions.findAll { it.tool == 'send_money' }.ruleIds.flatten()",
                        hasItem("send-money-5-per-user-hour"));
        assertThat(carolsTransfers()).isEqualTo(5);
        // another customer is not affected
        ask("alice", "What is my balance?").then().statusCode(200).body("status", equalTo("COMPLETED"));
    }
}
