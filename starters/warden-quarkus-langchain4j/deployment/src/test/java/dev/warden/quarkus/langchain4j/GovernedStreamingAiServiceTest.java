package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.quarkus.langchain4j.StreamingFixtures.ForbiddenWordScreen;
import dev.warden.quarkus.langchain4j.StreamingFixtures.SlowStreamer;
import dev.warden.quarkus.langchain4j.StreamingFixtures.Streamer;
import dev.warden.quarkus.langchain4j.StreamingFixtures.TokenReader;
import dev.warden.quarkus.langchain4j.StreamingFixtures.WireTools;
import dev.warden.spi.AuditSink;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unchanged {@code @RegisterAiService} method returning {@code Multi<String>} or {@code TokenStream} (decision 0046)
 * is governed, not refused: the text streams through the hold-back window, a screen's refusal ends the stream with its
 * code, a tool call the model asks for in the stream is decided before it could run (with the invocation's own user), a
 * reader that goes away cancels the model call, audited, and a reactive endpoint calling a {@code Multi} method on the
 * Vert.x event loop gets the same checkpoints, decided off the loop. One application boot for all of them.
 */
class GovernedStreamingAiServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StreamingFixtures.class, LastMessageModels.class, Streamer.class,
                            SlowStreamer.class,
                            WireTools.class, StreamingFixtures.Blocking.class, StreamingFixtures.Streaming.class,
                            StreamingFixtures.Slow.class, ForbiddenWordScreen.class,
                            StreamingFixtures.NovemberRule.class, EventLoopFixtures.class,
                            EventLoopFixtures.StreamResource.class, EventLoopFixtures.ThreadProbe.class)
                    .addClasses(StarterClasses.ALL)
                    .addAsResource("policies/streaming.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem"))
            .overrideConfigKey("smallrye.jwt.sign.key.location", "dev-keys/test-only-private.pem")
            .overrideConfigKey("warden.policy.locations", "classpath:policies/streaming.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.data-flow.egress-mode", "redact")
            .overrideConfigKey("warden.data-flow.user-clearance", "INTERNAL")
            .overrideConfigKey("mp.jwt.verify.publickey.location", "dev-keys/test-only-public.pem")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/")
    URL url;
    @Inject
    Streamer streamer;
    @Inject
    SlowStreamer slow;
    @Inject
    AuditSink audit;
    @Inject
    CurrentIdentityAssociation identities;
    @Inject
    WardenToolWrapper tools;
    @Inject
    AiServiceSessions sessions;
    @Inject
    AiServiceStreams streams;

    private void signIn(String user) {
        identities.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user))
                .addRole("analyst").build());
    }

    private List<DecisionRecord> recordsOfLastRun(String agent, String user) {
        List<DecisionRecord> all = audit.query(AuditFilter.all().agent(agent).user(user));
        String run = all.get(all.size() - 1).runId();
        return all.stream().filter(r -> r.runId().equals(run)).toList();
    }

    @Test
    @ActivateRequestContext
    void an_iban_split_across_chunks_leaves_redacted_and_agent_output_is_decided_on_what_was_delivered() {
        signIn("alice");
        List<String> items = streamer.chat("iban").collect().asList().await().atMost(Duration.ofSeconds(10));
        String delivered = String.join("", items);
        assertThat(items).hasSizeGreaterThan(1);
        assertThat(delivered).contains("[REDACTED").doesNotContain("0532").doesNotContain("DE89")
                .startsWith("Your statement for November").endsWith(" by Friday, thank you.");
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "alice");
        assertThat(run).extracting(DecisionRecord::checkpoint)
                .containsExactly("MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
        assertThat(run.get(2).outcome()).isEqualTo("ALLOW");
        assertThat(run.get(2).contentDigest()).isEqualTo(CanonicalJson.sha256Hex(delivered));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @ActivateRequestContext
    void a_refusal_mid_stream_ends_the_multi_with_the_code_and_releases_nothing_held_back() {
        signIn("bob");
        AssertSubscriber<String> reader = streamer.chat("forbidden").subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        reader.awaitFailure(Duration.ofSeconds(10));
        assertThat(reader.getFailure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                e -> assertThat(e.verdict().code()).isEqualTo(ForbiddenWordScreen.CODE));
        String delivered = String.join("", reader.getItems());
        assertThat(delivered).isNotEmpty().doesNotContain("FORBIDDEN").doesNotContain("y");
        assertThat(StreamingFixtures.FORBIDDEN_ANSWER).startsWith(delivered);
        assertThat(recordsOfLastRun("Streamer", "bob")).last().satisfies(r -> {
            assertThat(r.checkpoint()).isEqualTo("AGENT_OUTPUT");
            assertThat(r.outcome()).isEqualTo("DENY");
            assertThat(r.code()).isEqualTo(ForbiddenWordScreen.CODE);
            assertThat(r.contentDigest()).isEqualTo(CanonicalJson.sha256Hex(delivered));
        });
    }

    @Test
    @ActivateRequestContext
    void a_plane_judging_whole_answers_holds_the_stream_back_so_nothing_is_read_before_it_refuses() {
        signIn("erin");
        StreamingFixtures.NovemberRule.ON = true;
        try {
            AssertSubscriber<String> reader = streamer.chat("iban").subscribe()
                    .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            reader.awaitFailure(Duration.ofSeconds(10));
            assertThat(reader.getFailure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                    e -> assertThat(e.verdict().code()).isEqualTo(StreamingFixtures.NovemberRule.CODE));
            assertThat(reader.getItems()).isEmpty();

            List<String> allowed = streamer.chat("ok then").collect().asList().await()
                    .atMost(Duration.ofSeconds(10));
            assertThat(allowed).containsExactly("ok: ok then"); // delivered whole, once decided
        } finally {
            StreamingFixtures.NovemberRule.ON = false;
        }
    }

    @Test
    @ActivateRequestContext
    void a_tool_call_in_the_stream_is_decided_before_it_could_run_and_a_denied_one_never_runs() {
        signIn("carol");
        int before = WireTools.WIRES.size();
        String answer = String.join("", streamer.chat("wire 5000").collect().asList().await()
                .atMost(Duration.ofSeconds(10)));
        assertThat(WireTools.WIRES).hasSize(before);
        assertThat(answer).startsWith("done: ").contains("STREAM-0001");
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "carol");
        assertThat(run).extracting(DecisionRecord::checkpoint).startsWith("MODEL_REQUEST", "MODEL_RESPONSE",
                "TOOL_CALL");
        assertThat(run.get(2).outcome()).isEqualTo("DENY");
        assertThat(run.get(2).code()).isEqualTo("STREAM-0001");

        String allowed = String.join("", streamer.chat("wire 50").collect().asList().await()
                .atMost(Duration.ofSeconds(10)));
        assertThat(WireTools.WIRES).hasSize(before + 1);
        assertThat(allowed).startsWith("done: ").contains("wired 50.0");
    }

    @Test
    void a_multi_method_called_on_the_event_loop_by_a_reactive_endpoint_keeps_every_checkpoint_off_the_event_loop()
            throws Exception {
        EventLoopFixtures.StreamResource.CALLED_ON_EVENT_LOOP.clear();
        EventLoopFixtures.ThreadProbe.DECIDED_ON_EVENT_LOOP.clear();
        String token = Jwt.subject("grace").groups("analyst").sign();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "test/stream?q=iban")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        String delivered = response.body().lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5))
                .reduce("", String::concat);
        assertThat(EventLoopFixtures.StreamResource.CALLED_ON_EVENT_LOOP).containsExactly(true);
        assertThat(EventLoopFixtures.ThreadProbe.DECIDED_ON_EVENT_LOOP).containsExactly(false);
        assertThat(delivered).contains("[REDACTED").doesNotContain("0532").contains("by Friday");
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "grace"); // the caller's identity, resolved on the loop
        assertThat(run).extracting(DecisionRecord::checkpoint)
                .containsExactly("MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
        assertThat(run.get(2).outcome()).isEqualTo("ALLOW");
    }

    @Test
    @ActivateRequestContext
    void a_reader_going_away_cancels_the_model_call_and_the_abort_is_audited() {
        signIn("dave");
        int cancelled = StreamingFixtures.Slow.MODEL.cancelled();
        AssertSubscriber<String> reader = slow.chat("long").subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        reader.awaitNextItems(1, Duration.ofSeconds(10));
        reader.cancel();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (StreamingFixtures.Slow.MODEL.cancelled() == cancelled && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        assertThat(StreamingFixtures.Slow.MODEL.cancelled()).isGreaterThan(cancelled);
        assertThat(String.join("", reader.getItems())).hasSizeLessThan(StreamingFixtures.LONG_ANSWER.length());
        assertThat(recordsOfLastRun("SlowStreamer", "dave")).anySatisfy(r -> {
            assertThat(r.checkpoint()).isEqualTo("MODEL_RESPONSE");
            assertThat(r.code()).isEqualTo(WardenCodes.STREAM_CANCELLED);
        });
        assertThat(recordsOfLastRun("SlowStreamer", "dave")).noneSatisfy(
                r -> assertThat(r.checkpoint()).isEqualTo("AGENT_OUTPUT"));
    }

    // TokenStream methods (decision 0046): the same checkpoints through LangChain4j's token-stream callbacks

    @Test
    @ActivateRequestContext
    void an_iban_split_across_chunks_leaves_redacted_and_completion_carries_exactly_the_delivered_text()
            throws Exception {
        signIn("alice");
        TokenReader reader = new TokenReader().read(streamer.tokens("iban"));
        ChatResponse done = reader.completed();
        String delivered = reader.delivered();
        assertThat(reader.tokens).hasSizeGreaterThan(1);
        assertThat(delivered).contains("[REDACTED").doesNotContain("0532").doesNotContain("DE89")
                .startsWith("Your statement for November").endsWith(" by Friday, thank you.");
        assertThat(done.aiMessage().text()).isEqualTo(delivered); // never the model's raw text
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "alice");
        assertThat(run).extracting(DecisionRecord::checkpoint)
                .containsExactly("MODEL_REQUEST", "MODEL_RESPONSE", "AGENT_OUTPUT");
        assertThat(run.get(2).outcome()).isEqualTo("ALLOW");
        assertThat(run.get(2).contentDigest()).isEqualTo(CanonicalJson.sha256Hex(delivered));
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    @ActivateRequestContext
    void a_refusal_mid_stream_reaches_on_error_with_the_code_and_releases_nothing_held_back() throws Exception {
        signIn("bob");
        TokenReader reader = new TokenReader().read(streamer.tokens("forbidden"));
        assertThat(reader.failure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                e -> assertThat(e.verdict().code()).isEqualTo(ForbiddenWordScreen.CODE));
        String delivered = reader.delivered();
        assertThat(delivered).isNotEmpty().doesNotContain("FORBIDDEN").doesNotContain("y");
        assertThat(StreamingFixtures.FORBIDDEN_ANSWER).startsWith(delivered);
        assertThat(recordsOfLastRun("Streamer", "bob")).last().satisfies(r -> {
            assertThat(r.checkpoint()).isEqualTo("AGENT_OUTPUT");
            assertThat(r.outcome()).isEqualTo("DENY");
            assertThat(r.contentDigest()).isEqualTo(CanonicalJson.sha256Hex(delivered));
        });
    }

    @Test
    @ActivateRequestContext
    void a_tool_call_in_the_stream_is_judged_as_the_invocations_user_and_a_denied_one_never_runs() throws Exception {
        signIn("carol");
        int before = WireTools.WIRES.size();
        TokenReader denied = new TokenReader().read(streamer.tokens("wire 5000"));
        assertThat(denied.completed().aiMessage().text()).startsWith("done: ").contains("STREAM-0001");
        assertThat(WireTools.WIRES).hasSize(before);
        // recorded for carol, in the invocation's run: the tool call was matched to its invocation, not judged anew
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "carol");
        assertThat(run).extracting(DecisionRecord::checkpoint).startsWith("MODEL_REQUEST", "MODEL_RESPONSE",
                "TOOL_CALL").endsWith("AGENT_OUTPUT");
        assertThat(run.get(2).outcome()).isEqualTo("DENY");
        assertThat(run.get(2).code()).isEqualTo("STREAM-0001");

        TokenReader allowed = new TokenReader().read(streamer.tokens("wire 50"));
        assertThat(allowed.completed().aiMessage().text()).startsWith("done: ").contains("wired 50.0");
        assertThat(WireTools.WIRES).hasSize(before + 1);
    }

    @Test
    @ActivateRequestContext
    void cancelling_through_the_streams_handle_cancels_the_model_call_and_the_abort_is_audited() throws Exception {
        signIn("dave");
        int cancelled = StreamingFixtures.Slow.MODEL.cancelled();
        TokenReader reader = new TokenReader().read(slow.tokens("long"));
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reader.handle == null && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        reader.handle.cancel();
        assertThat(reader.handle.isCancelled()).isTrue();
        while (StreamingFixtures.Slow.MODEL.cancelled() == cancelled && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(StreamingFixtures.Slow.MODEL.cancelled()).isGreaterThan(cancelled);
        assertThat(reader.end).isNotDone(); // nothing is reported after the reader cancelled
        assertThat(reader.delivered()).hasSizeLessThan(StreamingFixtures.LONG_ANSWER.length());
        List<DecisionRecord> run = recordsOfLastRun("SlowStreamer", "dave");
        assertThat(run).anySatisfy(r -> {
            assertThat(r.checkpoint()).isEqualTo("MODEL_RESPONSE");
            assertThat(r.code()).isEqualTo(WardenCodes.STREAM_CANCELLED);
        });
        assertThat(run).noneSatisfy(r -> assertThat(r.checkpoint()).isEqualTo("AGENT_OUTPUT"));
    }

    @Test
    @ActivateRequestContext
    void a_plane_judging_whole_answers_holds_the_token_stream_back_so_nothing_is_read_before_it_refuses()
            throws Exception {
        signIn("erin");
        StreamingFixtures.NovemberRule.ON = true;
        try {
            TokenReader refused = new TokenReader().read(streamer.tokens("iban"));
            assertThat(refused.failure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                    e -> assertThat(e.verdict().code()).isEqualTo(StreamingFixtures.NovemberRule.CODE));
            assertThat(refused.tokens).isEmpty();

            TokenReader allowed = new TokenReader().read(streamer.tokens("ok then"));
            assertThat(allowed.completed().aiMessage().text()).isEqualTo("ok: ok then");
            assertThat(allowed.tokens).containsExactly("ok: ok then");
        } finally {
            StreamingFixtures.NovemberRule.ON = false;
        }
    }

    @Test
    @ActivateRequestContext
    void callbacks_handing_out_unscreened_content_are_refused_before_the_model_is_called() throws Exception {
        signIn("frank");
        int calls = StreamingFixtures.Streaming.MODEL.calls();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        streamer.tokens("iban").onPartialResponse(t -> {}).onPartialThinking(t -> {}).onToolExecuted(t -> {})
                .onError(error::complete).start();
        assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(PolicyDeniedException.class, e -> {
            assertThat(e.verdict().code()).isEqualTo(AiServiceCodes.TOKEN_STREAM_CALLBACK_NOT_GOVERNED);
            assertThat(e.verdict().reason()).contains("onPartialThinking", "onToolExecuted");
        });
        assertThat(StreamingFixtures.Streaming.MODEL.calls()).isEqualTo(calls);
        assertThat(recordsOfLastRun("Streamer", "frank")).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(AiServiceCodes.TOKEN_STREAM_CALLBACK_NOT_GOVERNED));
    }

    @Test
    void a_tool_call_belonging_to_no_invocation_is_refused_and_the_tool_does_not_run() {
        AtomicBoolean ran = new AtomicBoolean();
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("c1").name("wire_money")
                .arguments("{\"iban\":\"DE89370400440532013000\",\"amount\":5}").build();
        ToolExecutionResult result = tools.wrap(call, InvocationContext.builder().chatMemoryId("m").build(),
                (req, ctx) -> {
                    ran.set(true);
                    return ToolExecutionResult.builder().resultText("wired").build();
                }, null);
        assertThat(ran).isFalse();
        assertThat(result.isError()).isTrue();
        assertThat(result.resultText()).contains(AiServiceCodes.TOOL_CALL_OUTSIDE_INVOCATION);
        assertThat(audit.query(AuditFilter.all())).anySatisfy(
                r -> assertThat(r.code()).isEqualTo(AiServiceCodes.TOOL_CALL_OUTSIDE_INVOCATION));
    }

    /** Review L5 (decision 0061): the id a LangChain4j release might hand a TokenStream's tools is not Warden's. */
    @Test
    void a_token_stream_tool_call_with_an_unknown_invocation_id_is_judged_in_the_bound_streams_run() {
        InvocationContext invocation = InvocationContext.builder().invocationId(java.util.UUID.randomUUID())
                .interfaceName(Streamer.class.getName()).build();
        AiServiceSessions.Session session = sessions.session(invocation,
                new dev.warden.core.Principal("gina", null, java.util.Set.of("analyst"), java.util.Map.of()));
        AiServiceStreams.Stream stream = streams.open(Streamer.class.getName(), invocation, session, 64, false, true);
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("c2").name("wire_money")
                .arguments("{\"iban\":\"DE89370400440532013000\",\"amount\":5000}").build();
        ToolExecutionResult result;
        try (AiServiceStreams.Binding bound = AiServiceStreams.bind(stream)) {
            result = tools.wrap(call, InvocationContext.builder().invocationId(java.util.UUID.randomUUID())
                    .interfaceName(Streamer.class.getName()).build(),
                    (req, ctx) -> ToolExecutionResult.builder().resultText("wired").build(), null);
        } finally {
            streams.close(stream);
            sessions.forget(invocation);
        }
        assertThat(result.resultText()).contains("STREAM-0001");
        assertThat(audit.query(AuditFilter.all().agent("Streamer").user("gina"))).singleElement().satisfies(r -> {
            assertThat(r.checkpoint()).isEqualTo("TOOL_CALL");
            assertThat(r.runId()).isEqualTo(invocation.invocationId().toString());
        });
    }
}
