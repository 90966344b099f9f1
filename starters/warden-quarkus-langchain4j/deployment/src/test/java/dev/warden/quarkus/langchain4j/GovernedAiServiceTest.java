package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.Effect;
import dev.warden.core.Risk;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.spi.AuditSink;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An existing Quarkus LangChain4j AI service with plain {@code @Tool} beans, unchanged: with Warden on the classpath
 * its tool calls are governed by YAML policy, audited, and a refused tool never runs.
 */
class GovernedAiServiceTest {

    @RegisterAiService(tools = WireTools.class, chatLanguageModelSupplier = Models.class)
    public interface Assistant {
        String chat(String message);
    }

    @ApplicationScoped
    public static class WireTools {
        static final List<String> WIRES = new CopyOnWriteArrayList<>();

        @Tool(name = "wire_money", value = "Wire money to an IBAN")
        @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.HIGH)
        public String wire(String iban, double amount, String memo) {
            WIRES.add(iban + ":" + amount + ":" + memo);
            return "wired " + amount + " to " + iban;
        }
    }

    /** Stands in for a provider (no LLM is reachable offline); the AI service itself is unchanged. */
    public static class Models implements Supplier<ChatModel> {
        static final ChatModel MODEL = ScriptedChatModel.rules()
                    .whenUser("wire (\\d+) to (\\w+)(?: memo (\\w+))?", m -> List.of(ScriptedChatModel.call(
                        "wire_money", m.group(3) == null
                                ? Map.of("iban", m.group(2), "amount", Integer.parseInt(m.group(1)))
                                : Map.of("iban", m.group(2), "amount", Integer.parseInt(m.group(1)),
                                        "memo", m.group(3)))))
                    .otherwise("ok")
                    .build();

        @Override
        public ChatModel get() {
            return MODEL;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Assistant.class, WireTools.class, Models.class)
                    .addClasses(StarterClasses.ALL)
                    .addAsResource("policies/assistant.yaml")
                    .addAsResource("dev-keys/test-only-public.pem"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/assistant.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.audit.capture-arguments", "true")
            .overrideConfigKey("mp.jwt.verify.publickey.location", "dev-keys/test-only-public.pem")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    Assistant assistant;
    @Inject
    AuditSink audit;

    @Test
    @ActivateRequestContext
    void an_allowed_call_runs_and_is_audited() {
        int before = WireTools.WIRES.size();
        String answer = assistant.chat("wire 50 to DE89370400440532013000");
        assertThat(answer).contains("wired 50");
        assertThat(WireTools.WIRES).hasSize(before + 1);
        List<DecisionRecord> records = audit.query(AuditFilter.all().agent("Assistant"));
        assertThat(records).extracting(DecisionRecord::checkpoint).contains("TOOL_CALL", "TOOL_RESULT");
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @ActivateRequestContext
    void a_denied_call_never_reaches_the_tool_and_the_model_is_told_why() {
        int before = WireTools.WIRES.size();
        String answer = assistant.chat("wire 5000 to DE89370400440532013000");
        assertThat(WireTools.WIRES).hasSize(before);
        assertThat(answer).contains("ASSIST-0001").contains("not executed");
        assertThat(audit.query(AuditFilter.all().agent("Assistant"))).anySatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("DENY");
            assertThat(r.ruleIds()).contains("wires-up-to-100");
        });
    }

    @Test
    @ActivateRequestContext
    void an_approval_gated_call_fails_closed_in_an_ai_service() {
        int before = WireTools.WIRES.size();
        String answer = assistant.chat("wire 20 to FR1420041010050500013M02606");
        assertThat(WireTools.WIRES).hasSize(before);
        assertThat(answer).contains("WARDEN-LC4J-0003");
    }

    @Test
    @ActivateRequestContext
    void a_transformed_call_runs_with_the_transformed_arguments() {
        assistant.chat("wire 10 to DE89370400440532013000 memo secret");
        assertThat(WireTools.WIRES).last().asString().endsWith(":[memo removed by policy]");
    }
}
