package dev.warden.test.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.model.scripted.ScriptedChatModel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stubs over real HTTP: wire format in, scripted model's turn out, tool results back in. */
class StubServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ScriptedChatModel brain() {
        return ScriptedChatModel.rules()
                .whenUser("balance", m -> List.of(ScriptedChatModel.call("get_balance", Map.of("currency", "EUR"))))
                .finalAnswer(results -> "Done: " + results.get(0).toolName() + "=" + results.get(0).text())
                .build();
    }

    private static JsonNode post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(r.body())).put("httpStatus", r.statusCode());
    }

    @Test
    void openai_stub_answers_a_user_turn_with_a_tool_call_and_a_tool_result_with_text() throws Exception {
        try (OpenAiCompatibleStub stub = new OpenAiCompatibleStub(brain())) {
            JsonNode first = post(stub.baseUrl() + "/chat/completions",
                    "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"my balance?\"}]}", Map.of());
            JsonNode call = first.path("choices").path(0).path("message").path("tool_calls").path(0);
            assertThat(first.path("choices").path(0).path("finish_reason").asText()).isEqualTo("tool_calls");
            assertThat(call.path("function").path("name").asText()).isEqualTo("get_balance");
            assertThat(JSON.readTree(call.path("function").path("arguments").asText()).path("currency").asText())
                    .isEqualTo("EUR");

            String id = call.path("id").asText();
            JsonNode second = post(stub.baseUrl() + "/chat/completions", "{\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"my balance?\"},"
                    + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id + "\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_balance\",\"arguments\":\"{}\"}}]},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"12 EUR\"}]}", Map.of());
            assertThat(second.path("choices").path(0).path("message").path("content").asText())
                    .isEqualTo("Done: get_balance=12 EUR");
            assertThat(stub.requests()).hasSize(2);
        }
    }

    @Test
    void anthropic_stub_refuses_a_wrong_key_and_speaks_tool_use() throws Exception {
        try (AnthropicCompatibleStub stub = new AnthropicCompatibleStub(brain(), "k", null)) {
            String ask = "{\"model\":\"c\",\"system\":\"be careful\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"balance please\"}]}]}";
            assertThat(post(stub.baseUrl() + "/messages", ask, Map.of("x-api-key", "wrong",
                    "anthropic-version", AnthropicCompatibleStub.VERSION)).path("httpStatus").asInt()).isEqualTo(401);
            assertThat(stub.requests()).isEmpty();

            JsonNode first = post(stub.baseUrl() + "/messages", ask, Map.of("x-api-key", "k",
                    "anthropic-version", AnthropicCompatibleStub.VERSION));
            assertThat(first.path("stop_reason").asText()).isEqualTo("tool_use");
            JsonNode use = first.path("content").path(0);
            assertThat(use.path("name").asText()).isEqualTo("get_balance");
            assertThat(use.path("input").path("currency").asText()).isEqualTo("EUR");

            String id = use.path("id").asText();
            JsonNode second = post(stub.baseUrl() + "/messages", "{\"messages\":["
                    + "{\"role\":\"user\",\"content\":\"balance please\"},"
                    + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                    + "\",\"name\":\"get_balance\",\"input\":{}}]},"
                    + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id
                    + "\",\"content\":\"12 EUR\"}]}]}",
                    Map.of("x-api-key", "k", "anthropic-version", AnthropicCompatibleStub.VERSION));
            assertThat(second.path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(second.path("content").path(0).path("text").asText()).isEqualTo("Done: get_balance=12 EUR");
        }
    }

    @Test
    void a_tool_name_the_providers_reject_is_refused_with_400_and_not_recorded() throws Exception {
        try (OpenAiCompatibleStub openAi = new OpenAiCompatibleStub(brain());
                AnthropicCompatibleStub anthropic = new AnthropicCompatibleStub(brain(), "k", null)) {
            JsonNode refused = post(openAi.baseUrl() + "/chat/completions", "{\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"crm.get\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}]}",
                    Map.of());
            assertThat(refused.path("httpStatus").asInt()).isEqualTo(400);
            assertThat(refused.path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(refused.path("error").path("message").asText()).contains("crm.get");
            assertThat(openAi.requests()).isEmpty();
            assertThat(openAi.attempts()).isEqualTo(1);
            // a parameter called "name" is not a tool name
            assertThat(post(openAi.baseUrl() + "/chat/completions", "{\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"crm_get\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}]}",
                    Map.of()).path("httpStatus").asInt()).isEqualTo(200);

            Map<String, String> headers = Map.of("x-api-key", "k", "anthropic-version",
                    AnthropicCompatibleStub.VERSION);
            JsonNode refusedByAnthropic = post(anthropic.baseUrl() + "/messages", "{\"messages\":[{\"role\":"
                    + "\"user\",\"content\":\"hi\"}],\"tools\":[{\"name\":\"crm.get\",\"input_schema\":{}}]}", headers);
            assertThat(refusedByAnthropic.path("httpStatus").asInt()).isEqualTo(400);
            assertThat(refusedByAnthropic.path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(anthropic.requests()).isEmpty();
        }
    }

    @Test
    void injected_failures_answer_with_the_status_and_then_normal_answers_resume() throws Exception {
        try (AnthropicCompatibleStub stub = new AnthropicCompatibleStub(brain(), "k", null)) {
            Map<String, String> headers = Map.of("x-api-key", "k", "anthropic-version",
                    AnthropicCompatibleStub.VERSION);
            String ask = "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
            stub.failNext(529, 1);

            JsonNode overloaded = post(stub.baseUrl() + "/messages", ask, headers);
            assertThat(overloaded.path("httpStatus").asInt()).isEqualTo(529);
            assertThat(overloaded.path("error").path("type").asText()).isEqualTo("overloaded_error");
            assertThat(post(stub.baseUrl() + "/messages", ask, headers).path("httpStatus").asInt()).isEqualTo(200);

            stub.failWith(500);
            assertThat(post(stub.baseUrl() + "/messages", ask, headers).path("httpStatus").asInt()).isEqualTo(500);
            assertThat(post(stub.baseUrl() + "/messages", ask, headers).path("httpStatus").asInt()).isEqualTo(500);
            stub.failWith(0);
            assertThat(post(stub.baseUrl() + "/messages", ask, headers).path("httpStatus").asInt()).isEqualTo(200);
            assertThat(stub.attempts()).isEqualTo(5);
            assertThat(stub.requests()).hasSize(2);
        }
        try (OpenAiCompatibleStub stub = new OpenAiCompatibleStub(brain())) {
            stub.failNext(429, 1);
            JsonNode limited = post(stub.baseUrl() + "/chat/completions",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", Map.of());
            assertThat(limited.path("httpStatus").asInt()).isEqualTo(429);
            assertThat(limited.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        }
    }
}
