package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import dev.warden.spi.PolicyPlane;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GovernedAgentTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<ChatRequest> seenByModel = new CopyOnWriteArrayList<>();

    GovernedAgent agent(ChatModel model, PolicyPlane... planes) {
        Governor.Builder g = Governor.builder().auditSink(audit);
        for (PolicyPlane p : planes) {
            g.plane(p);
        }
        ChatModel recording = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                seenByModel.add(request);
                return model.chat(request);
            }
        };
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(recording).tools(bank)
                .governor(g.build()).maxSteps(5).build();
    }

    ToolExecutionResultMessage lastToolResult(int modelCall) {
        var msgs = seenByModel.get(modelCall).messages();
        return (ToolExecutionResultMessage) msgs.get(msgs.size() - 1);
    }

    static ScriptedChatModel transferThenAnswer(String iban, double amount) {
        return ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", iban, "amount", amount))
                .reply("done")
                .build();
    }

    @Test
    void allowed_tool_runs_and_every_checkpoint_is_audited() {
        RunResult r = agent(ScriptedChatModel.script().callTool("get_balance", Map.of()).reply("You have 1200 EUR")
                .build()).runBlocking("What is my balance?", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).isEqualTo("You have 1200 EUR");
        assertThat(bank.calls).containsExactly("get_balance");
        assertThat(r.decisions()).extracting(DecisionSummary::checkpoint).containsExactly("MODEL_REQUEST",
                "MODEL_RESPONSE", "TOOL_CALL", "TOOL_RESULT", "MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
        assertThat(audit.records()).hasSize(7);
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void denied_tool_never_runs_and_the_model_is_told_why() {
        RunResult r = agent(transferThenAnswer("DE89370400440532013000", 50),
                TestPlanes.denyTool("action-boundary", "send_money")).runBlocking("pay 50", ALICE);
        assertThat(bank.calls).isEmpty();
        assertThat(bank.transfers).isEmpty();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        ToolExecutionResultMessage told = lastToolResult(1);
        assertThat(told.text()).contains("refused by policy").contains("send_money is not allowed");
        assertThat(r.decisions()).filteredOn(d -> d.checkpoint().equals("TOOL_CALL"))
                .extracting(DecisionSummary::outcome).containsExactly("DENY");
    }

    @Test
    void transformed_arguments_reach_the_tool() {
        PolicyPlane clamp = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL), (req, ctx) -> {
            Number amount = (Number) req.arguments().get("amount");
            if (amount != null && amount.doubleValue() > 100) {
                Map<String, Object> args = new java.util.LinkedHashMap<>(req.arguments());
                args.put("amount", 100.0);
                return Decision.redactArguments(args, "amount clamped to 100", Basis.of("action-boundary"));
            }
            return Decision.allow("action-boundary");
        });
        agent(transferThenAnswer("DE89370400440532013000", 5000), clamp).runBlocking("pay", ALICE);
        assertThat(bank.transfers).containsExactly("DE89370400440532013000:100.0");
    }

    @Test
    void labels_of_tool_results_raise_the_context_label() {
        RunResult r = agent(ScriptedChatModel.script().callTool("get_transactions", Map.of("n", 3)).reply("ok")
                .build()).runBlocking("show transactions", ALICE);
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(r.context().labels().categories()).contains("FINANCIAL");
        assertThat(r.context().labels().isUntrusted()).isTrue();
    }

    @Test
    void a_denied_tool_result_does_not_enter_the_context() {
        PolicyPlane withhold = TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.TOOL_RESULT),
                (req, ctx) -> Decision.deny("data-flow", "result is too sensitive"));
        RunResult r = agent(ScriptedChatModel.script().callTool("get_transactions", Map.of("n", 3)).reply("ok")
                .build(), withhold).runBlocking("show transactions", ALICE);
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.PUBLIC);
        ToolExecutionResultMessage told = lastToolResult(1);
        assertThat(told.text()).contains("withheld by policy").doesNotContain("Rent");
    }

    @Test
    void max_steps_stops_a_model_that_loops_forever() {
        ScriptedChatModel looping = ScriptedChatModel.script().callTool("get_balance", Map.of()).build();
        RunResult r = agent(looping).runBlocking("loop", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.code()).isEqualTo(WardenCodes.MAX_STEPS);
        assertThat(looping.calls()).isEqualTo(5);
    }

    @Test
    void max_tool_calls_stops_a_run() {
        var calls = new ArrayList<dev.langchain4j.agent.tool.ToolExecutionRequest>();
        for (int i = 0; i < 4; i++) {
            calls.add(ScriptedChatModel.call("get_balance", Map.of()));
        }
        GovernedAgent a = GovernedAgent.builder().id("x").model(ScriptedChatModel.script()
                .callTools(calls.toArray(new dev.langchain4j.agent.tool.ToolExecutionRequest[0])).build())
                .tools(bank).governor(Governor.builder().build()).maxToolCalls(3).build();
        RunResult r = a.runBlocking("go", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.code()).isEqualTo(WardenCodes.MAX_TOOL_CALLS);
        assertThat(bank.calls).hasSize(3);
    }

    @Test
    void denied_output_is_withheld() {
        PolicyPlane egress = TestPlanes.of("data-flow", 300, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (req, ctx) -> req.content().contains("1200") ? Decision.deny("data-flow", "balance may not leave")
                        : Decision.allow("data-flow"));
        RunResult r = agent(ScriptedChatModel.script().reply("You have 1200 EUR").build(), egress)
                .runBlocking("balance?", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.output()).doesNotContain("1200").contains("balance may not leave");
    }

    @Test
    void a_failing_model_fails_the_run_without_throwing() {
        ChatModel broken = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new IllegalStateException("provider down");
            }
        };
        RunResult r = agent(broken).runBlocking("hi", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ERROR);
    }

    @Test
    void a_throwing_tool_becomes_an_error_result_for_the_model() {
        RunResult r = agent(ScriptedChatModel.script().callTool("broken", Map.of()).reply("sorry").build())
                .runBlocking("try", ALICE);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        ToolExecutionResultMessage told = lastToolResult(1);
        assertThat(told.text()).contains("backend down");
    }

    @Test
    void empty_and_oversized_input_is_refused_and_recorded() {
        GovernedAgent a = agent(ScriptedChatModel.script().reply("x").build());
        assertThat(a.runBlocking("  ", ALICE).status()).isEqualTo(RunStatus.DENIED);
        assertThat(a.runBlocking("x".repeat(40_000), ALICE).code()).isEqualTo(WardenCodes.MALFORMED_REQUEST);
        assertThat(seenByModel).isEmpty();
        assertThat(audit.records()).hasSize(2);
    }

    @Test
    void policies_see_the_user_input_and_usage() {
        List<Object> inputs = new CopyOnWriteArrayList<>();
        PolicyPlane spy = TestPlanes.of("spy", (req, ctx) -> {
            inputs.add(req.attributes().get("userInput"));
            return Decision.allow("spy");
        });
        RunResult r = agent(ScriptedChatModel.script().callTool("get_balance", Map.of()).reply("ok").build(), spy)
                .runBlocking("balance please", ALICE);
        assertThat(inputs).hasSize(7).containsOnly("balance please");
        assertThat(r.context().usage().steps()).isEqualTo(2);
        assertThat(r.context().usage().toolCalls()).isEqualTo(1);
        assertThat(r.context().usage().inputTokens()).isPositive();
    }

    @Test
    void undeclared_effects_are_visible_to_policies() {
        assertThat(agent(ScriptedChatModel.script().reply("x").build()).toolRegistry().descriptor("send_money")
                .orElseThrow().effects()).contains(Effect.FINANCIAL, Effect.WRITE);
    }
}
