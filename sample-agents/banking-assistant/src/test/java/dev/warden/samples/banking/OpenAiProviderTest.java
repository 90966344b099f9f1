package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.test.WardenTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The banking agent on a real provider client (Quarkus LangChain4j's OpenAI extension) against a local server that
 * speaks the OpenAI wire format: tool calls come back over HTTP and are governed exactly like the scripted model's.
 */
@QuarkusTest
@TestProfile(OpenAiProviderTest.Stubbed.class)
class OpenAiProviderTest {
    public static class Stubbed implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OpenAiStub.class));
        }
    }

    @Inject
    BankingAssistant bank;

    private static String ask(String input) {
        String token = WardenTokens.devUser("alice");
        io.restassured.response.Response run = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"input\":\"" + input + "\"}").post("/v1/agents/banking-assistant/runs");
        run.then().statusCode(200);
        if (!"AWAITING_CONFIRMATION".equals(run.path("status"))) {
            return run.asString();
        }
        // a payee the user typed (not yet in the records this run read): the user confirms the exact call, and the
        // run resumes with the provider
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"confirm\":true,"
                + "\"argumentsDigest\":\"" + run.path("confirmation.argumentsDigest") + "\"}")
                .post("/v1/confirmations/" + run.path("confirmationId")).then().statusCode(200).extract().asString();
    }

    @Test
    void a_tool_call_from_the_provider_runs_governed_and_the_answer_comes_back() {
        int before = bank.environment().transactions.size();
        String run = ask("Please send 40 EUR to DE02120300000000202051");
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("Done: sent 40.00 EUR");
        assertThat(bank.environment().transactions).hasSize(before + 1);
        // the provider saw the tool specifications and got the tool result back in the second request
        assertThat(OpenAiStub.REQUESTS).anySatisfy(r -> assertThat(r.path("tools").toString()).contains("send_money"));
        assertThat(OpenAiStub.REQUESTS).anySatisfy(r -> assertThat(r.path("messages").toString())
                .contains("\"role\":\"tool\""));
    }

    @Test
    void a_hijacked_provider_cannot_move_money_to_an_iban_the_user_never_gave() {
        int before = bank.environment().transactions.size();
        String run = ask("Show me my recent transactions");
        assertThat(run).contains("recipient-from-user-or-records");
        assertThat(bank.environment().transactions).hasSize(before);
    }

    @Test
    void a_streamed_run_streams_from_the_provider_and_its_tool_call_is_governed() {
        String token = WardenTokens.devUser("alice");
        String sse = given().auth().oauth2(token).contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"input\":\"Please send 40 EUR to DE02120300000000202051\"}")
                .post("/v1/agents/banking-assistant/runs").then().statusCode(200).extract().asString();
        // the provider client asked for a stream, and the tool call it assembled from the chunks was decided
        assertThat(OpenAiStub.REQUESTS).anySatisfy(r -> assertThat(r.path("stream").asBoolean()).isTrue());
        assertThat(sse).containsPattern("event: ?tool-call-requested").contains("\"tool\":\"send_money\"")
                .contains("\"checkpoint\":\"TOOL_CALL\"").containsPattern("event: ?(approval-needed|completed)");
    }
}
