package dev.warden.e2e.faults;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The customer confirming their own request. The banking policy asks the requester to confirm a transfer to a payee
 * the run has not seen in the customer's records (a typed IBAN): the fault suite's "transfer that would run" is such
 * a transfer, so where a run waits for confirmation, the requester confirms exactly the call shown (by its digest)
 * and the answer of the confirmation is the run's answer.
 */
final class UserConfirms {
    private UserConfirms() {}

    static Response ifAsked(String baseUri, String token, Response run) {
        if (run.statusCode() != 200 || !"AWAITING_CONFIRMATION".equals(run.path("status"))) {
            return run;
        }
        return given().baseUri(baseUri).auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"confirm\":true,\"argumentsDigest\":\"" + run.path("confirmation.argumentsDigest") + "\"}")
                .post("/v1/confirmations/" + run.path("confirmationId"));
    }
}
