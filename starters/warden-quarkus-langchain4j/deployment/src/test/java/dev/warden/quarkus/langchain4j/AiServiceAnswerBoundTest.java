package dev.warden.quarkus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.PolicyDeniedException;
import dev.warden.core.WardenCodes;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.langchain4j.StreamingFixtures.Streamer;
import dev.warden.spi.AuditSink;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AI services answer within {@code warden.limits.max-model-answer-chars} as runs do (decision 0066): a blocking answer
 * past it is refused with {@code WARDEN-CORE-0146}; a streamed one is counted piece by piece and cut off once past it,
 * so nothing beyond the bound is screened or delivered.
 */
class AiServiceAnswerBoundTest {
    static final int BOUND = 200;

    @RegisterAiService(chatLanguageModelSupplier = StreamingFixtures.Blocking.class)
    public interface Teller {
        String chat(String message);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(StreamingFixtures.class, LastMessageModels.class, Streamer.class,
                            StreamingFixtures.SlowStreamer.class, Teller.class, StreamingFixtures.WireTools.class,
                            StreamingFixtures.Blocking.class, StreamingFixtures.Streaming.class,
                            StreamingFixtures.Slow.class, StreamingFixtures.ForbiddenWordScreen.class,
                            StreamingFixtures.NovemberRule.class)
                    .addClasses(StarterClasses.ALL)
                    .addAsResource("policies/streaming.yaml"))
            .overrideConfigKey("warden.policy.locations", "classpath:policies/streaming.yaml")
            .overrideConfigKey("warden.audit.store", "memory")
            .overrideConfigKey("warden.limits.max-model-answer-chars", String.valueOf(BOUND))
            .overrideConfigKey("quarkus.otel.sdk.disabled", "true")
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    Streamer streamer;
    @Inject
    Teller teller;
    @Inject
    AuditSink audit;
    @Inject
    CurrentIdentityAssociation identities;

    private void signIn(String user) {
        identities.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user))
                .addRole("analyst").build());
    }

    private List<DecisionRecord> records(String agent, String user) {
        return audit.query(AuditFilter.all().agent(agent).user(user));
    }

    @Test
    @ActivateRequestContext
    void a_blocking_answer_past_the_configured_bound_is_refused_before_any_plane_scans_it() {
        signIn("dora");
        assertThat(StreamingFixtures.LONG_ANSWER.length()).isGreaterThan(BOUND).isLessThan(1 << 20);
        assertThatThrownBy(() -> teller.chat("long")).isInstanceOfSatisfying(PolicyDeniedException.class,
                e -> assertThat(e.verdict().code()).isEqualTo(WardenCodes.MODEL_ANSWER_TOO_LARGE));
        assertThat(records("Teller", "dora")).filteredOn(r -> WardenCodes.MODEL_ANSWER_TOO_LARGE.equals(r.code()))
                .singleElement().satisfies(r -> {
                    assertThat(r.checkpoint()).isEqualTo("MODEL_RESPONSE");
                    assertThat(r.outcome()).isEqualTo("DENY");
                });
        assertThat(teller.chat("short")).isEqualTo("ok: short"); // within the bound
    }

    @Test
    @ActivateRequestContext
    void a_streamed_answer_is_cut_off_once_past_the_bound_and_nothing_beyond_it_is_delivered() {
        signIn("emil");
        AssertSubscriber<String> reader = streamer.chat("long").subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        reader.awaitFailure(Duration.ofSeconds(20));
        assertThat(reader.getFailure()).isInstanceOfSatisfying(PolicyDeniedException.class,
                e -> assertThat(e.verdict().code()).isEqualTo(WardenCodes.MODEL_ANSWER_TOO_LARGE));
        String delivered = String.join("", reader.getItems());
        assertThat(delivered.length()).isLessThanOrEqualTo(BOUND);
        assertThat(StreamingFixtures.LONG_ANSWER).startsWith(delivered);
        List<DecisionRecord> emil = records("Streamer", "emil");
        assertThat(emil).filteredOn(r -> WardenCodes.MODEL_ANSWER_TOO_LARGE.equals(r.code())).singleElement()
                .satisfies(r -> {
                    assertThat(r.checkpoint()).isEqualTo("MODEL_RESPONSE");
                    assertThat(r.outcome()).isEqualTo("DENY");
                });
        assertThat(emil).noneMatch(r -> "AGENT_OUTPUT".equals(r.checkpoint()) && "ALLOW".equals(r.outcome()));
        assertThat(audit.verify().valid()).isTrue();

        List<String> allowed = streamer.chat("ok then").collect().asList().await().atMost(Duration.ofSeconds(10));
        assertThat(String.join("", allowed)).isEqualTo("ok: ok then"); // within the bound it streams as before
    }
}
