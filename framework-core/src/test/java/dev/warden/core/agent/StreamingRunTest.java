package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.ScreeningPlane;
import dev.warden.core.testing.TestPlanes;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.model.scripted.ScriptedStreamingChatModel;
import dev.warden.spi.PolicyPlane;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StreamingRunTest {
    static final Principal ALICE = Principal.of("alice", "customer");
    final BankTools bank = new BankTools();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final List<RunEvent> events = new CopyOnWriteArrayList<>();

    GovernedAgent agent(ChatModel model, ScriptedStreamingChatModel streaming, PolicyPlane... planes) {
        Governor.Builder g = Governor.builder().auditSink(audit);
        for (PolicyPlane p : planes) {
            g.plane(p);
        }
        return GovernedAgent.builder().identity(AgentIdentity.of("bank-agent")).model(model).streamingModel(streaming)
                .tools(bank).governor(g.build()).holdBackChars(16).maxSteps(5).build();
    }

    RunResult stream(GovernedAgent agent, String input) {
        return agent.run(input, GovernanceContext.of(ALICE, agent.identity()), events::add).await()
                .atMost(Duration.ofSeconds(10));
    }

    String tokens() {
        return events.stream().filter(e -> e instanceof RunEvent.Token).map(e -> ((RunEvent.Token) e).text())
                .collect(Collectors.joining());
    }

    DecisionRecord lastAt(String checkpoint) {
        List<DecisionRecord> at = audit.records().stream().filter(r -> r.checkpoint().equals(checkpoint)).toList();
        return at.get(at.size() - 1);
    }

    @Test
    void streamed_answer_arrives_as_tokens_and_the_output_record_holds_the_digest_of_what_was_delivered() {
        ScriptedChatModel model = ScriptedChatModel.script().callTool("get_balance", Map.of())
                .reply("You have 1200 EUR on your account, as of today.").build();
        ScriptedStreamingChatModel streaming = ScriptedStreamingChatModel.of(model).chunkChars(3).build();
        RunResult r = stream(agent(model, streaming, new ScreeningPlane()), "balance?");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tokens()).isEqualTo("You have 1200 EUR on your account, as of today.").isEqualTo(r.output());
        assertThat(events.stream().filter(e -> e instanceof RunEvent.Token).count()).isGreaterThan(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.Completed.class);
        assertThat(streaming.calls()).isEqualTo(2);
        assertThat(lastAt("AGENT_OUTPUT").contentDigest()).isEqualTo(CanonicalJson.sha256Hex(tokens()));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void a_value_split_across_chunks_is_redacted_before_it_is_delivered() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("Your code is SECRET-1234, keep it safe.").build();
        RunResult r = stream(agent(model, ScriptedStreamingChatModel.of(model).chunkChars(2).build(),
                new ScreeningPlane()), "my code?");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tokens()).isEqualTo("Your code is [REDACTED:CODE], keep it safe.").isEqualTo(r.output());
        assertThat(events).filteredOn(e -> e instanceof RunEvent.Token)
                .noneMatch(e -> ((RunEvent.Token) e).text().matches("(?s).*\\d.*"));
        assertThat(lastAt("AGENT_OUTPUT").outcome()).isEqualTo("ALLOW");
    }

    @Test
    void a_refusal_mid_stream_ends_the_stream_with_its_code_and_cancels_the_model_call() {
        String answer = "Here is a long and perfectly harmless beginning of an answer, and then the forbidden part"
                + " that must never arrive, followed by more text the model keeps writing for a while.";
        ScriptedChatModel model = ScriptedChatModel.script().reply(answer).build();
        ScriptedStreamingChatModel streaming = ScriptedStreamingChatModel.of(model).chunkChars(4)
                .delay(Duration.ofMillis(1)).build();
        RunResult r = stream(agent(model, streaming, new ScreeningPlane()), "tell me");

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(ScreeningPlane.CODE);
        assertThat(tokens()).startsWith("Here is a long").doesNotContain("forbidden");
        RunEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOfSatisfying(RunEvent.Refused.class, e -> assertThat(e.code())
                .isEqualTo(ScreeningPlane.CODE));
        DecisionRecord rec = lastAt("AGENT_OUTPUT");
        assertThat(rec.outcome()).isEqualTo("DENY");
        assertThat(rec.code()).isEqualTo(ScreeningPlane.CODE);
        assertThat(rec.contentDigest()).isEqualTo(CanonicalJson.sha256Hex(tokens()));
        eventually(() -> streaming.cancelled() == 1);
    }

    @Test
    void a_tool_call_in_the_stream_is_denied_before_it_runs() {
        ScriptedChatModel model = ScriptedChatModel.script()
                .callTool("send_money", Map.of("recipient", "DE89370400440532013000", "amount", 50))
                .reply("I could not send it.").build();
        RunResult r = stream(agent(model, ScriptedStreamingChatModel.of(model).build(),
                TestPlanes.denyTool("action-boundary", "send_money")), "pay 50");

        assertThat(bank.transfers).isEmpty();
        assertThat(bank.calls).doesNotContain("send_money");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        int requested = indexOf(e -> e instanceof RunEvent.ToolCallRequested t && t.tool().equals("send_money"));
        int denied = indexOf(e -> e instanceof RunEvent.Decision d && d.decision().checkpoint().equals("TOOL_CALL")
                && d.decision().outcome().equals("DENY"));
        assertThat(requested).isNotNegative().isLessThan(denied);
    }

    @Test
    void a_reader_that_goes_away_cancels_the_model_call_and_the_abort_is_audited() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("word ".repeat(4000)).build();
        ScriptedStreamingChatModel streaming = ScriptedStreamingChatModel.of(model).chunkChars(5) // ~8 s if not cut
                .delay(Duration.ofMillis(2)).build();
        GovernedAgent agent = agent(model, streaming, new ScreeningPlane());
        AssertSubscriber<RunEvent> reader = agent.stream("talk", GovernanceContext.of(ALICE, agent.identity()))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        eventually(() -> reader.getItems().stream()
                .anyMatch(e -> e instanceof RunEvent.Token));
        reader.cancel();

        eventually(() -> audit.records().stream()
                .anyMatch(rec -> WardenCodes.STREAM_CANCELLED.equals(rec.code())));
        DecisionRecord rec = audit.records().stream().filter(x -> WardenCodes.STREAM_CANCELLED.equals(x.code()))
                .findFirst().orElseThrow();
        assertThat(rec.checkpoint()).isEqualTo("MODEL_RESPONSE");
        assertThat(rec.outcome()).isEqualTo("DENY");
        eventually(() -> streaming.cancelled() == 1);
        assertThat(audit.records()).noneMatch(x -> x.checkpoint().equals("AGENT_OUTPUT"));
    }

    @Test
    void a_check_that_would_rewrite_delivered_text_refuses_the_run() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("plain text answer").build();
        // a plane that says it does not judge answer text (so the answer streams), and then rewrites it anyway
        PolicyPlane rewriter = notJudgingText(TestPlanes.of("rewriter", 400, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (req, ctx) -> Decision.replaceContent("something else", "rewritten", Basis.of("rewriter"))));
        RunResult r = stream(agent(model, ScriptedStreamingChatModel.of(model).build(), rewriter), "hi");

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo(WardenCodes.STREAM_REWRITE_AFTER_DELIVERY);
        assertThat(tokens()).isEqualTo("plain text answer");
        assertThat(lastAt("AGENT_OUTPUT").contentDigest()).isEqualTo(CanonicalJson.sha256Hex("plain text answer"));
    }

    @Test
    void a_plane_judging_answer_text_without_screening_holds_the_whole_answer_until_agent_output_decides() {
        String answer = "Here is a long and perfectly harmless beginning of an answer, and then the taboo part.";
        ScriptedChatModel model = ScriptedChatModel.script().reply(answer).build();
        PolicyPlane rule = TestPlanes.of("output-rule", 400, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (req, ctx) -> req.content() != null && req.content().contains("taboo")
                        ? Decision.deny("no taboo answers", "TEST-0001", Basis.of("output-rule"))
                        : Decision.allow("output-rule"));
        RunResult r = stream(agent(model, ScriptedStreamingChatModel.of(model).chunkChars(4).build(), rule),
                "tell me");

        assertThat(r.status()).isEqualTo(RunStatus.DENIED);
        assertThat(r.code()).isEqualTo("TEST-0001");
        assertThat(tokens()).isEmpty(); // nothing was read before the rule refused
        assertThat(lastAt("AGENT_OUTPUT").contentDigest()).isEqualTo(CanonicalJson.sha256Hex(answer));
    }

    @Test
    void a_held_back_answer_is_delivered_once_decided_and_a_rewrite_applies_since_nothing_was_read() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("a plain text answer, long enough to stream")
                .build();
        PolicyPlane rewriter = TestPlanes.of("rewriter", 400, EnumSet.of(Checkpoint.AGENT_OUTPUT),
                (req, ctx) -> Decision.replaceContent(req.content().toUpperCase(java.util.Locale.ROOT), "shouting",
                        Basis.of("rewriter")));
        RunResult r = stream(agent(model, ScriptedStreamingChatModel.of(model).chunkChars(3).build(), rewriter),
                "hi");

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tokens()).isEqualTo(r.output()).isEqualTo("A PLAIN TEXT ANSWER, LONG ENOUGH TO STREAM");
        assertThat(events.stream().filter(e -> e instanceof RunEvent.Token).count()).isEqualTo(1);
    }

    /** {@code plane}, declaring that it does not judge answer text. */
    static PolicyPlane notJudgingText(PolicyPlane plane) {
        return new PolicyPlane() {
            @Override
            public String name() {
                return plane.name();
            }

            @Override
            public java.util.Set<Checkpoint> checkpoints() {
                return plane.checkpoints();
            }

            @Override
            public int priority() {
                return plane.priority();
            }

            @Override
            public Decision evaluate(dev.warden.core.CheckpointRequest request, GovernanceContext context) {
                return plane.evaluate(request, context);
            }

            @Override
            public boolean judgesAnswerText(Checkpoint checkpoint) {
                return false;
            }
        };
    }

    @Test
    void without_a_streaming_model_the_answer_is_still_released_through_the_window() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("Code SECRET-9876 here.").build();
        RunResult r = stream(agent(model, null, new ScreeningPlane()), "code?");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(tokens()).isEqualTo("Code [REDACTED:CODE] here.");
    }

    @Test
    void a_run_without_a_listener_is_unchanged() {
        ScriptedChatModel model = ScriptedChatModel.script().reply("Code SECRET-9876 here.").build();
        RunResult r = agent(model, ScriptedStreamingChatModel.of(model).build(), new ScreeningPlane())
                .runBlocking("code?", ALICE);
        assertThat(r.output()).isEqualTo("Code [REDACTED:CODE] here.");
        assertThat(events).isEmpty();
    }

    static void eventually(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 5 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private int indexOf(java.util.function.Predicate<RunEvent> p) {
        for (int i = 0; i < events.size(); i++) {
            if (p.test(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
