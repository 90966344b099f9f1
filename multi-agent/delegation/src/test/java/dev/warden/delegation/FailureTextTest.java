package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.delegation.remote.RemoteAgentClient;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.SigningKey;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.mutiny.Uni;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the calling agent's model reads when a delegation fails (decision 0056): the stable code and a generic sentence,
 * never an exception's class, its text or the callee's address; those go to the server log.
 */
class FailureTextTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final AgentDirectory dir = AgentDirectory.builder()
            .agent(new AgentCard("a", "1", "team", "a", "m", List.of(), List.of(), List.of(TrustEdge.of("a", "b")),
                    null))
            .agent(new AgentCard("b", "1", "team", "b", "m", List.of(), List.of(), List.of(), null)).build();
    final GovernanceContext caller = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("a"))
            .withTask(TaskContext.of("run-failure-text"));

    DelegationOutcome delegate(AgentEndpoint endpoint) {
        return new Delegator(dir, Map.of("b", endpoint), DelegationLimits.DEFAULT)
                .delegate(Governor.builder().auditSink(audit).build(), caller, DelegationRequest.of("b", "look it up"))
                .await().atMost(Duration.ofSeconds(20));
    }

    static void assertNoInternals(String text) {
        assertThat(text).doesNotContain("Exception", "java.", "dev.warden", "password", "127.0.0.1", "localhost");
    }

    @Test
    void a_failing_in_process_callee_reaches_the_model_as_its_code_without_the_exception() {
        DelegationOutcome out = delegate((task, ctx, otel) -> Uni.createFrom()
                .failure(new IllegalStateException("jdbc password=hunter2 rejected")));

        assertThat(out.delivered()).isFalse();
        assertThat(out.output()).contains(DelegationCodes.CALLEE_FAILED).contains("agent 'b' failed");
        assertNoInternals(out.output());
        assertThat(audit.records()).extracting(DecisionRecord::reason).filteredOn(java.util.Objects::nonNull)
                .isNotEmpty().allSatisfy(FailureTextTest::assertNoInternals);
    }

    @Test
    void an_unreachable_remote_callee_reaches_the_model_without_its_address_or_the_exception() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        RemoteAgentClient remote = new RemoteAgentClient(URI.create("http://127.0.0.1:" + port),
                new ContextTokenIssuer(SigningKey.generateEs256("k1"), "svc-a", Clock.systemUTC(),
                        Duration.ofSeconds(60)), HttpClient.newHttpClient(), OpenTelemetry.noop().getTracer("t"),
                Duration.ofSeconds(5));

        DelegationOutcome out = delegate(remote);

        assertThat(out.delivered()).isFalse();
        assertThat(out.output()).contains(DelegationCodes.REMOTE_UNAVAILABLE).contains("cannot be reached");
        assertNoInternals(out.output());
        assertThat(out.output()).doesNotContain(Integer.toString(port));
    }

    @Test
    void a_callee_whose_model_call_fails_answers_with_the_code_not_the_exception() {
        ChatModel broken = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                throw new RuntimeException(new java.net.ConnectException("Connection refused: llm.internal:8443"));
            }
        };
        GovernedAgent b = GovernedAgent.builder().id("b").model(broken)
                .governor(Governor.builder().auditSink(audit).build()).build();

        DelegationOutcome out = delegate(new LocalAgentEndpoint(b));

        assertThat(out.callee()).isNotNull();
        assertThat(out.callee().output()).contains("WARDEN-CORE-0014");
        assertNoInternals(out.output());
        assertThat(out.output()).doesNotContain("llm.internal");
    }
}
