package dev.warden.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.tools.ToolRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Tool names sent to a model follow the OpenAI/Anthropic rule; the real names come back; policies never see others. */
class ProviderToolNamesTest {
    static final List<String> CRM = List.of("crm.get_customer", "crm.search_customers", "sql.query", "email.send",
            "email.draft", "inbox.read", "reports.export", "delegate");

    @Test
    void dotted_names_follow_the_provider_rule_and_map_back() {
        ProviderToolNames names = ProviderToolNames.of(CRM);
        for (String real : CRM) {
            String sent = names.toProvider(real);
            assertThat(sent).matches(ProviderToolNames.PROVIDER_RULE);
            assertThat(names.fromProvider(sent)).isEqualTo(real);
        }
        assertThat(names.toProvider("crm.get_customer")).isEqualTo("crm_get_customer");
        assertThat(names.toProvider("delegate")).isEqualTo("delegate");
    }

    @Test
    void a_renamed_tool_never_takes_a_name_another_tool_already_has() {
        ProviderToolNames names = ProviderToolNames.of(List.of("email.send", "email_send", "email-send", "email send"));
        assertThat(names.toProvider("email_send")).isEqualTo("email_send");
        assertThat(names.toProvider("email-send")).isEqualTo("email-send");
        Set<String> sent = new HashSet<>();
        for (String n : List.of("email.send", "email_send", "email-send", "email send")) {
            assertThat(sent.add(names.toProvider(n))).as("unique: " + n).isTrue();
            assertThat(names.toProvider(n)).matches(ProviderToolNames.PROVIDER_RULE);
            assertThat(names.fromProvider(names.toProvider(n))).isEqualTo(n);
        }
    }

    @Test
    void long_and_non_ascii_names_are_shortened_and_hashed() {
        String longName = "analytics." + "x".repeat(80);
        ProviderToolNames names = ProviderToolNames.of(List.of(longName, "über.prüfen", "."));
        assertThat(names.toProvider(longName)).hasSize(64).matches(ProviderToolNames.PROVIDER_RULE);
        assertThat(names.toProvider("über.prüfen")).matches(ProviderToolNames.PROVIDER_RULE);
        assertThat(names.toProvider(".")).matches(ProviderToolNames.PROVIDER_RULE);
    }

    @Property(tries = 200)
    void every_tool_set_maps_injectively_onto_the_provider_rule(
            @ForAll @Size(max = 12) List<@StringLength(min = 1, max = 90) String> tools) {
        ProviderToolNames names = ProviderToolNames.of(tools);
        Set<String> sent = new HashSet<>();
        for (String t : new HashSet<>(tools)) {
            String p = names.toProvider(t);
            assertThat(p).matches(ProviderToolNames.PROVIDER_RULE);
            assertThat(sent.add(p)).isTrue();
            assertThat(names.fromProvider(p)).isEqualTo(t);
        }
    }

    @Test
    void the_model_sees_provider_names_and_the_tool_policy_and_audit_see_real_ones() {
        List<ChatRequest> seen = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        ChatModel provider = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                seen.add(request);
                List<ChatMessage> ms = request.messages();
                if (ms.get(ms.size() - 1) instanceof UserMessage) {
                    return ChatResponse.builder().aiMessage(AiMessage.from(ToolExecutionRequest.builder().id("c1")
                            .name("crm_get_customer").arguments("{}").build())).build();
                }
                return ChatResponse.builder().aiMessage(AiMessage.from("done")).build();
            }
        };
        ToolRegistry tools = ToolRegistry.builder()
                .tool(ToolDescriptor.named("crm.get_customer"), (call, memory) -> {
                    ran.add(call.name());
                    return "{\"id\":1}";
                })
                .build();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("crm")).model(provider).tools(tools)
                .governor(Governor.builder().auditSink(audit).build()).build();

        RunResult r = agent.runBlocking("customer 1", Principal.of("jane"));

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ran).containsExactly("crm.get_customer");
        assertThat(seen.get(0).toolSpecifications()).extracting(ToolSpecification::name)
                .containsExactly("crm_get_customer");
        List<String> namesInSecondRequest = new ArrayList<>();
        for (ChatMessage m : seen.get(1).messages()) {
            if (m instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
                ai.toolExecutionRequests().forEach(c -> namesInSecondRequest.add(c.name()));
            } else if (m instanceof ToolExecutionResultMessage t) {
                namesInSecondRequest.add(t.toolName());
            }
        }
        assertThat(namesInSecondRequest).containsExactly("crm_get_customer", "crm_get_customer");
        assertThat(audit.records()).filteredOn(d -> "TOOL_CALL".equals(d.checkpoint()))
                .extracting(d -> d.tool()).containsExactly("crm.get_customer");
    }
}
