package dev.warden.core.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.Principal;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import dev.warden.core.tools.ToolRegistry;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WardenAiServicesTest {
    interface Assistant {
        String chat(String message);
    }

    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();

    GovernanceSession session(dev.warden.spi.PolicyPlane... planes) {
        Governor.Builder g = Governor.builder().auditSink(audit);
        for (var p : planes) {
            g.plane(p);
        }
        return new GovernanceSession(g.build(), ToolRegistry.of(bank),
                GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("ai-service")));
    }

    @Test
    void denied_tool_is_never_invoked_through_ai_services() {
        GovernanceSession s = session(TestPlanes.denyTool("action-boundary", "send_money"));
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 10))
                .reply("I could not send it").build();
        String answer = WardenAiServices.create(Assistant.class, model, () -> s).chat("send 10 EUR");
        assertThat(answer).isEqualTo("I could not send it");
        assertThat(bank.calls).isEmpty();
        assertThat(s.decisions()).extracting(d -> d.checkpoint() + ":" + d.outcome())
                .contains("TOOL_CALL:DENY").contains("AGENT_OUTPUT:ALLOW");
    }

    @Test
    void allowed_tool_runs_and_its_labels_reach_the_output_checkpoint() {
        GovernanceSession s = session();
        ScriptedChatModel model = ScriptedChatModel.script().callTool("get_balance", Map.of()).reply("1200 EUR")
                .build();
        assertThat(WardenAiServices.create(Assistant.class, model, () -> s).chat("balance?")).isEqualTo("1200 EUR");
        assertThat(bank.calls).containsExactly("get_balance");
        assertThat(s.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(audit.records()).extracting(r -> r.checkpoint()).containsExactly("MODEL_REQUEST",
                "MODEL_RESPONSE", "TOOL_CALL", "TOOL_RESULT", "MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
    }

    @Test
    void a_refused_output_surfaces_as_an_exception_with_the_verdict() {
        GovernanceSession s = session(TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (r, c) -> Decision.deny("data-flow", "no secrets out")));
        ScriptedChatModel model = ScriptedChatModel.script().reply("the secret is 42").build();
        assertThatThrownBy(() -> WardenAiServices.create(Assistant.class, model, () -> s).chat("secret?"))
                .isInstanceOf(PolicyDeniedException.class).hasMessageContaining("no secrets out");
    }

    @Test
    void approval_gated_tools_are_refused_in_ai_services_mode() {
        GovernanceSession s = session(TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (r, c) -> Decision.requireApproval("manager must approve", java.util.Set.of("manager"), null,
                        dev.warden.core.Basis.of("action-boundary"))));
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 10))
                .turn(req -> dev.langchain4j.data.message.AiMessage.from(
                        ((dev.langchain4j.data.message.ToolExecutionResultMessage) req.messages()
                                .get(req.messages().size() - 1)).text()))
                .build();
        String answer = WardenAiServices.create(Assistant.class, model, () -> s).chat("send 10");
        assertThat(answer).contains("WARDEN-CORE-0013");
        assertThat(bank.calls).isEmpty();
    }

    @Test
    void an_answer_past_the_bound_is_refused_and_recorded_before_any_plane_scans_it() {
        java.util.List<String> scanned = new java.util.concurrent.CopyOnWriteArrayList<>();
        GovernanceSession s = session(TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.MODEL_RESPONSE,
                Checkpoint.AGENT_OUTPUT), (r, c) -> {
                    scanned.add(String.valueOf(r.content()));
                    return Decision.allow("data-flow");
                }));
        ScriptedChatModel model = ScriptedChatModel.script().reply("x".repeat(500)).build();
        GovernedChatModel governed = new GovernedChatModel(model, () -> s, 100);
        assertThatThrownBy(() -> governed.chat("hello")).isInstanceOfSatisfying(PolicyDeniedException.class,
                e -> assertThat(e.verdict().code()).isEqualTo(dev.warden.core.WardenCodes.MODEL_ANSWER_TOO_LARGE));
        assertThat(scanned).isEmpty();
        assertThat(audit.records()).filteredOn(r -> r.checkpoint().equals("MODEL_RESPONSE")).singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo("DENY");
                    assertThat(r.code()).isEqualTo(dev.warden.core.WardenCodes.MODEL_ANSWER_TOO_LARGE);
                });
    }

    @Test
    void an_ai_service_built_with_a_bound_refuses_answers_past_it() {
        GovernanceSession s = session(TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (r, c) -> Decision.allow("data-flow")));
        ScriptedChatModel model = ScriptedChatModel.script().reply("x".repeat(500)).build();
        assertThatThrownBy(() -> WardenAiServices.create(Assistant.class, model, () -> s, 100).chat("hello"))
                .isInstanceOfSatisfying(PolicyDeniedException.class, e -> assertThat(e.verdict().code())
                        .isEqualTo(dev.warden.core.WardenCodes.MODEL_ANSWER_TOO_LARGE));
    }
}
