package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.PolicyDeniedException;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.quarkus.langchain4j.StreamingFixtures.ForbiddenWordScreen;
import dev.warden.quarkus.langchain4j.StreamingFixtures.SlowStreamer;
import dev.warden.quarkus.langchain4j.StreamingFixtures.Streamer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unchanged {@code @RegisterAiService} method returning {@code Multi<String>} is governed, not refused: the text
 * streams through the hold-back window, a screen's refusal ends the stream with its code, a tool call the model asks
 * for in the stream is decided before it could run, a reader that goes away cancels the model call, audited, and a
 * reactive endpoint calling the method on the Vert.x event loop gets the same checkpoints, decided off the loop.
 */
class GovernedStreamingAiServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StreamingFixtures.class, Streamer.class, SlowStreamer.class,
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
            Thread.onSpinWait();
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
}
