package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.warden.core.PolicyDeniedException;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.langchain4j.StreamingFixtures.ForbiddenWordScreen;
import dev.warden.quarkus.langchain4j.StreamingFixtures.NovemberRule;
import dev.warden.quarkus.langchain4j.StreamingFixtures.SlowStreamer;
import dev.warden.quarkus.langchain4j.StreamingFixtures.Streamer;
import dev.warden.quarkus.langchain4j.StreamingFixtures.WireTools;
import dev.warden.spi.AuditSink;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unchanged {@code @RegisterAiService} method returning {@code TokenStream} is governed like a {@code Multi<String>}
 * one (decision 0046): text through the hold-back window, a refusal to {@code onError} with its code, completion only
 * after {@code AGENT_OUTPUT} on exactly the delivered text, tool calls judged with the invocation's own user before they
 * could run, cancellation through the stream's handle audited.
 */
class GovernedTokenStreamTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StreamingFixtures.class, Streamer.class, SlowStreamer.class,
                            WireTools.class, StreamingFixtures.Blocking.class, StreamingFixtures.Streaming.class,
                            StreamingFixtures.Slow.class, ForbiddenWordScreen.class, NovemberRule.class)
                    .addClasses(StarterClasses.ALL)
                    .addAsResource("policies/streaming.yaml")
                    .addAsResource("dev-keys/test-only-public.pem"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/streaming.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.data-flow.egress-mode", "redact")
            .overrideConfigKey("warden.data-flow.user-clearance", "INTERNAL")
            .overrideConfigKey("mp.jwt.verify.publickey.location", "dev-keys/test-only-public.pem")
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

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

    /** What a chat UI does with a token stream: collects the pieces, waits for the end. */
    static final class Reader {
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> end = new CompletableFuture<>();
        volatile StreamingHandle handle;

        Reader read(TokenStream stream) {
            stream.onPartialResponseWithContext((partial, context) -> {
                handle = context.streamingHandle();
                tokens.add(partial.text());
            }).onCompleteResponse(end::complete).onError(end::completeExceptionally).start();
            return this;
        }

        String delivered() {
            return String.join("", tokens);
        }

        ChatResponse completed() throws Exception {
            return end.get(10, TimeUnit.SECONDS);
        }

        Throwable failure() throws Exception {
            try {
                end.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the stream completed; a refusal was expected");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }

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
    void an_iban_split_across_chunks_leaves_redacted_and_completion_carries_exactly_the_delivered_text()
            throws Exception {
        signIn("alice");
        Reader reader = new Reader().read(streamer.tokens("iban"));
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
        Reader reader = new Reader().read(streamer.tokens("forbidden"));
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
        Reader denied = new Reader().read(streamer.tokens("wire 5000"));
        assertThat(denied.completed().aiMessage().text()).startsWith("done: ").contains("STREAM-0001");
        assertThat(WireTools.WIRES).hasSize(before);
        // recorded for carol, in the invocation's run: the tool call was matched to its invocation, not judged anew
        List<DecisionRecord> run = recordsOfLastRun("Streamer", "carol");
        assertThat(run).extracting(DecisionRecord::checkpoint).startsWith("MODEL_REQUEST", "MODEL_RESPONSE",
                "TOOL_CALL").endsWith("AGENT_OUTPUT");
        assertThat(run.get(2).outcome()).isEqualTo("DENY");
        assertThat(run.get(2).code()).isEqualTo("STREAM-0001");

        Reader allowed = new Reader().read(streamer.tokens("wire 50"));
        assertThat(allowed.completed().aiMessage().text()).startsWith("done: ").contains("wired 50.0");
        assertThat(WireTools.WIRES).hasSize(before + 1);
    }

    @Test
    @ActivateRequestContext
    void cancelling_through_the_streams_handle_cancels_the_model_call_and_the_abort_is_audited() throws Exception {
        signIn("dave");
        int cancelled = StreamingFixtures.Slow.MODEL.cancelled();
        Reader reader = new Reader().read(slow.tokens("long"));
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
        NovemberRule.ON = true;
        try {
            Reader refused = new Reader().read(streamer.tokens("iban"));
            assertThat(refused.failure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                    e -> assertThat(e.verdict().code()).isEqualTo(NovemberRule.CODE));
            assertThat(refused.tokens).isEmpty();

            Reader allowed = new Reader().read(streamer.tokens("ok then"));
            assertThat(allowed.completed().aiMessage().text()).isEqualTo("ok: ok then");
            assertThat(allowed.tokens).containsExactly("ok: ok then");
        } finally {
            NovemberRule.ON = false;
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
}
