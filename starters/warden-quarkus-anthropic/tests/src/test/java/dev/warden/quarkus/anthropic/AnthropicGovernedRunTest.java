package dev.warden.quarkus.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.spi.PolicyPlane;
import dev.warden.test.stub.AnthropicCompatibleStub;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A governed run on {@link AnthropicMessagesModel} against a server speaking Anthropic's wire format: tool calls come
 * back as {@code tool_use} blocks, pass the checkpoints, and their results (or refusals) go back as
 * {@code tool_result} blocks.
 */
class AnthropicGovernedRunTest {
    private static final String KEY = "sk-ant-test-key";

    private final BankTools bank = new BankTools();
    private final AnthropicCompatibleStub stub = new AnthropicCompatibleStub(TellerStub.teller(), KEY, null);

    @AfterEach
    void stop() {
        stub.close();
    }

    private RunResult run(String input, String key, PolicyPlane plane) {
        var settings = new AnthropicSettings(stub.baseUrl(), Optional.ofNullable(key), "claude-test", 256,
                java.time.Duration.ofSeconds(10), AnthropicCompatibleStub.VERSION, 0, Optional.empty(), false);
        GovernedAgent agent = GovernedAgent.builder()
                .identity(new AgentIdentity("teller", "1.0", "bank"))
                .systemMessage("You are a teller.")
                .model(new AnthropicMessagesModel(settings)).modelName("claude-test")
                .tools(ToolRegistry.of(bank))
                .governor(Governor.builder().plane(plane).build())
                .build();
        return agent.runBlocking(input, Principal.of("alice", "customer"));
    }

    @Test
    void an_allowed_tool_use_executes_and_its_result_goes_back_as_tool_result() {
        RunResult r = run("please send 40 to DE02120300000000202051", KEY, TestPlanes.allowAll("all"));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(bank.transfers).containsExactly("DE02120300000000202051:40.0");
        assertThat(r.output()).isEqualTo("Done: sent 40.0 to DE02120300000000202051");
        // the stub records a request only when it was a POST to /v1/messages with the key and anthropic-version
        assertThat(stub.attempts()).isEqualTo(2);
        assertThat(stub.requests()).hasSize(2).allSatisfy(body -> {
            assertThat(body.path("model").asText()).isEqualTo("claude-test");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        });
        JsonNode first = stub.requests().get(0);
        assertThat(first.path("system").toString()).contains("You are a teller.");
        assertThat(first.path("tools").findValuesAsText("name")).contains("send_money", "get_balance");
        assertThat(first.path("tools").get(0).has("input_schema")).isTrue();
        // the follow-up replays the assistant's tool_use and answers it with a tool_result for the same id
        JsonNode messages = stub.requests().get(1).path("messages");
        JsonNode assistant = messages.get(messages.size() - 2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        JsonNode toolUse = assistant.path("content").findParent("input");
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).startsWith("toolu_");
        JsonNode last = TellerStub.lastMessage(stub.requests().get(1));
        JsonNode result = last.path("content").get(0);
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).isEqualTo(toolUse.path("id").asText());
        assertThat(result.path("content").toString()).contains("sent 40.0 to DE02120300000000202051");
    }

    @Test
    void a_denied_tool_use_never_runs_and_the_model_is_told_why() {
        RunResult r = run("please send 900 to GB33BUKB20201555555555", KEY, TestPlanes.denyTool("limits",
                "send_money"));

        assertThat(bank.calls).isEmpty();
        assertThat(bank.transfers).isEmpty();
        assertThat(stub.requests()).hasSize(2);
        JsonNode result = TellerStub.lastMessage(stub.requests().get(1)).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).startsWith("toolu_");
        assertThat(result.path("content").toString()).contains("refused by policy")
                .contains("send_money is not allowed").contains("not executed");
        assertThat(r.decisions()).anySatisfy(d -> {
            assertThat(d.checkpoint()).isEqualTo("TOOL_CALL");
            assertThat(d.outcome()).isEqualTo("DENY");
            assertThat(d.tool()).isEqualTo("send_money");
        });
    }

    @Test
    void a_rejected_key_fails_the_run_closed_and_no_tool_runs() {
        RunResult r = run("please send 40 to DE02120300000000202051", "sk-ant-wrong", TestPlanes.allowAll("all"));

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ERROR);
        // the run's output names the stable code; the exception is in the server log, not in the output (decision 0056)
        assertThat(r.output()).contains(WardenCodes.MODEL_ERROR).doesNotContain("Exception");
        assertThat(bank.calls).isEmpty();
        assertThat(stub.attempts()).isEqualTo(1);
        assertThat(stub.requests()).as("refused with 401").isEmpty();
    }

    @Test
    void an_overloaded_api_fails_the_run_closed() {
        stub.failWith(529);

        RunResult r = run("please send 40 to DE02120300000000202051", KEY, TestPlanes.allowAll("all"));

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ERROR);
        assertThat(bank.calls).isEmpty();
    }
}
