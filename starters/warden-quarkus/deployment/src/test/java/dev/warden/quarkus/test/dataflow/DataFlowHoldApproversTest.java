package dev.warden.quarkus.test.dataflow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code warden.data-flow.approver-roles} unset, a data-flow hold names the role {@code approver}: another
 * ordinary user of the tenant can neither list nor decide it (decision 0079, finding S14-A2).
 */
class DataFlowHoldApproversTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(InboxAgent.class, InboxModel.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"))
            .overrideConfigKey("warden.dev-tokens.users.bob.roles", "customer")
            .overrideConfigKey("warden.dev-tokens.users.ada.roles", "approver")
            .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                    && r.getMessage() != null && r.getMessage().contains("warden.data-flow.approver-roles"))
            .assertLogRecords(records -> assertThat(records).hasSize(1));

    @Inject
    InboxAgent inbox;

    static String token(String user) {
        return given().get("/v1/dev/tokens/" + user).then().statusCode(200).extract().path("token");
    }

    static io.restassured.specification.RequestSpecification as(String user) {
        return given().auth().oauth2(token(user));
    }

    @Test
    void a_data_flow_hold_is_decided_only_by_an_approver_when_the_key_is_unset() {
        Response r = as("alice").contentType(ContentType.JSON)
                .body("{\"input\":\"read my mail and send 50 EUR to " + InboxModel.IBAN + "\"}")
                .post("/v1/agents/inbox/runs");
        r.then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        String approvalId = r.path("approvalId");
        int before = inbox.transfers.size();

        as("bob").get("/v1/approvals").then().statusCode(200).body("approvalId", not(hasItem(approvalId)));
        as("bob").get("/v1/approvals/" + approvalId).then().statusCode(404)
                .contentType("application/problem+json");
        as("bob").contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("WARDEN-APR-0004"));
        assertThat(inbox.transfers).hasSize(before);

        as("ada").get("/v1/approvals").then().statusCode(200).body("approvalId", hasItem(approvalId))
                .body("find { it.approvalId == '" + approvalId + "' }.approverRoles", contains("approver"));
        as("ada").contentType(ContentType.JSON).body("{\"approve\":true}")
                .post("/v1/approvals/" + approvalId + "/decision").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertThat(inbox.transfers).hasSize(before + 1);
    }
}
