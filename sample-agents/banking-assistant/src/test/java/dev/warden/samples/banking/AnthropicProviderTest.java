package dev.warden.samples.banking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.test.WardenTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The banking agent on Anthropic ({@code warden.model=anthropic}, the {@code warden-quarkus-anthropic} model) against
 * a local server that speaks Anthropic's Messages wire format: {@code tool_use} blocks come back over HTTP and are
 * governed exactly like the scripted model's tool calls, and their results go back as {@code tool_result} blocks.
 */
@QuarkusTest
@TestProfile(AnthropicProviderTest.Stubbed.class)
class AnthropicProviderTest {
    public static class Stubbed implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(AnthropicStub.class));
        }
    }

    @Inject
    BankingAssistant bank;

    @BeforeEach
    void clear() {
        AnthropicStub.REQUESTS.clear();
    }

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

    private static String toolResultSent() {
        JsonNode messages = AnthropicStub.REQUESTS.get(AnthropicStub.REQUESTS.size() - 1).path("messages");
        return messages.get(messages.size() - 1).toString();
    }

    @Test
    void a_tool_use_from_anthropic_runs_governed_and_the_answer_comes_back() {
        int before = bank.environment().transactions.size();
        String run = ask("Please send 40 EUR to DE02120300000000202051");
        assertThat(run).contains("\"status\":\"COMPLETED\"").contains("Done: sent 40.00 EUR");
        assertThat(bank.environment().transactions).hasSize(before + 1);
        // Anthropic saw the tools and got the result back as a tool_result block for its tool_use id
        assertThat(AnthropicStub.REQUESTS).hasSize(2);
        assertThat(AnthropicStub.REQUESTS.get(0).path("tools").findValuesAsText("name"))
                .contains("send_money", "get_balance");
        assertThat(toolResultSent()).contains("\"type\":\"tool_result\"").containsPattern("\"tool_use_id\":\"toolu_call_\\d+\"")
                .contains("sent 40.00 EUR to DE02120300000000202051");
    }

    @Test
    void a_hijacked_claude_cannot_move_money_to_an_iban_the_user_never_gave() {
        int before = bank.environment().transactions.size();
        String run = ask("Show me my recent transactions");
        assertThat(run).contains("recipient-from-user-or-records");
        assertThat(bank.environment().transactions).hasSize(before);
        // the model is told the call was refused and not executed
        assertThat(toolResultSent()).contains("\"type\":\"tool_result\"").contains("refused by policy")
                .contains("not executed");
    }
}
