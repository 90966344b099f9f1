package dev.warden.quarkus.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Principal;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.quarkus.runtime.AgentRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In a Quarkus service: {@code warden.model=anthropic} gives every agent the {@code @Identifier("anthropic")} model
 * built from {@code warden.anthropic.*}, and the service's policies govern the tool calls it asks for.
 */
@QuarkusTest
@QuarkusTestResource(value = TellerStub.class, restrictToAnnotatedClass = true)
class AnthropicWiringTest {
    @Inject
    AgentRegistry registry;

    @Inject
    TellerAgent teller;

    @Inject
    @Identifier(AnthropicModelProducer.MODEL_ID)
    ChatModel anthropic;

    @BeforeEach
    void reset() {
        TellerStub.REQUESTS.clear();
        teller.transfers.clear();
    }

    private RunResult ask(String input) {
        return registry.find("teller").orElseThrow().agent().runBlocking(input, Principal.of("alice", "customer"));
    }

    @Test
    void the_anthropic_bean_is_built_from_warden_anthropic_config() {
        AnthropicSettings s = ((AnthropicMessagesModel) anthropic).settings();
        assertThat(s.baseUrl()).isEqualTo(TellerStub.baseUrl + "/");
        assertThat(s.apiKey()).hasValue(TellerStub.KEY);
        assertThat(s.modelName()).isEqualTo("claude-test");
        assertThat(s.maxRetries()).isZero();
    }

    @Test
    void an_allowed_transfer_runs_and_its_result_returns_to_the_model() {
        RunResult r = ask("please send 40 to DE02120300000000202051");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).isEqualTo("Done: sent 40.0 EUR to DE02120300000000202051");
        assertThat(teller.transfers).containsExactly("DE02120300000000202051:40.0");
        assertThat(TellerStub.REQUESTS).hasSize(2);
        assertThat(TellerStub.REQUESTS.get(0).path("model").asText()).isEqualTo("claude-test");
        assertThat(TellerStub.lastMessage(TellerStub.REQUESTS.get(1)).toString()).contains("\"type\":\"tool_result\"");
    }

    @Test
    void a_transfer_the_policy_blocks_never_runs_and_the_model_gets_the_rule() {
        RunResult r = ask("please send 900 to GB33BUKB20201555555555");

        assertThat(teller.transfers).isEmpty();
        assertThat(r.decisions()).anySatisfy(d -> assertThat(d.ruleIds()).contains("no-transfers-to-blocked-iban"));
        assertThat(TellerStub.lastMessage(TellerStub.REQUESTS.get(1)).toString()).contains("\"type\":\"tool_result\"")
                .contains("transfers to this IBAN are blocked");
    }
}
