package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.model.scripted.ScriptedStreamingChatModel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A model answer larger than the agent's bound is refused, audited, before any plane scans it (decision 0066). */
class ModelAnswerBoundTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final int BOUND = 1000;
    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    /** What the planes were given to scan at MODEL_RESPONSE and AGENT_OUTPUT. */
    final List<String> scanned = new CopyOnWriteArrayList<>();

    GovernedAgent agent(ChatModel model, ScriptedStreamingChatModel streaming) {
        var scanner = TestPlanes.of("data-flow", 100, EnumSet.of(Checkpoint.MODEL_RESPONSE, Checkpoint.AGENT_OUTPUT),
                (req, ctx) -> {
                    scanned.add(req.content() == null ? "" : req.content());
                    return Decision.allow("data-flow");
                });
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model).streamingModel(streaming)
                .tools(bank).governor(Governor.builder().plane(scanner).auditSink(audit).build())
                .maxModelAnswerChars(BOUND).build();
    }

    DecisionRecord refusal() {
        return audit.records().stream().filter(r -> WardenCodes.MODEL_ANSWER_TOO_LARGE.equals(r.code()))
                .findFirst().orElseThrow();
    }

    @Test
    void a_huge_answer_is_refused_at_model_response_and_never_scanned_or_returned() {
        String huge = "lorem ipsum ".repeat(1000);
        RunResult r = agent(ScriptedChatModel.script().reply(huge).build(), null).runBlocking("hello", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ANSWER_TOO_LARGE);
        assertThat(r.output()).doesNotContain("lorem");
        assertThat(scanned).isEmpty();
        DecisionRecord d = refusal();
        assertThat(d.checkpoint()).isEqualTo("MODEL_RESPONSE");
        assertThat(d.outcome()).isEqualTo("DENY");
        assertThat(d.reason()).contains("more than " + BOUND);
        assertThat(d.contentDigest()).as("recorded without the answer").isNull();
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void huge_tool_call_arguments_are_refused_before_the_call_is_checked_or_run() {
        ChatModel model = ScriptedChatModel.script().callTool("send_money", Map.of("recipient",
                "DE89370400440532013000 " + "x".repeat(2 * BOUND), "amount", 1)).reply("done").build();
        RunResult r = agent(model, null).runBlocking("pay", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ANSWER_TOO_LARGE);
        assertThat(bank.calls).isEmpty();
        assertThat(audit.records()).noneMatch(x -> x.checkpoint().equals("TOOL_CALL"));
        assertThat(refusal().checkpoint()).isEqualTo("MODEL_RESPONSE");
    }

    @Test
    void an_answer_at_the_bound_passes() {
        String answer = "a".repeat(BOUND);
        RunResult r = agent(ScriptedChatModel.script().reply(answer).build(), null).runBlocking("hello", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).isEqualTo(answer);
        assertThat(audit.records()).noneMatch(x -> WardenCodes.MODEL_ANSWER_TOO_LARGE.equals(x.code()));
    }

    @Test
    void a_streamed_answer_is_cut_off_once_past_the_bound() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("lorem ipsum ".repeat(1000)).build();
        ScriptedStreamingChatModel streaming = ScriptedStreamingChatModel.of(model).chunkChars(50).build();
        GovernedAgent agent = agent(model, streaming);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunResult r = agent.run("hello", GovernanceContext.of(ALICE, agent.identity()), events::add).await()
                .atMost(Duration.ofSeconds(10));

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.MODEL_ANSWER_TOO_LARGE);
        int delivered = events.stream().filter(e -> e instanceof RunEvent.Token)
                .mapToInt(e -> ((RunEvent.Token) e).text().length()).sum();
        assertThat(delivered).isLessThanOrEqualTo(BOUND);
        assertThat(refusal().checkpoint()).isEqualTo("MODEL_RESPONSE");
        assertThat(audit.verify().valid()).isTrue();
    }
}
