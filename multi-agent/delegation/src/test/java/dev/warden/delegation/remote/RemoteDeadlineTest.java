package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.RunDeadline;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.testing.TestClock;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.DelegationLimits;
import dev.warden.delegation.DelegationOutcome;
import dev.warden.delegation.DelegationRequest;
import dev.warden.delegation.Delegator;
import dev.warden.delegation.TrustEdge;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.model.scripted.StallingChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A remote callee whose model stalls: the caller's deadline bounds the HTTP exchange, so {@code delegate} returns on
 * time, and travels as {@code X-Warden-Deadline-Ms}, so the receiving service cancels its own run (and the stalled
 * model call) by then too instead of running on to its 30 s limit.
 */
class RemoteDeadlineTest {
    final SigningKey key = SigningKey.generateEs256("caller-1");
    final WardenService callee = new WardenService("svc-callee");

    @AfterEach
    void stop() {
        callee.close();
    }

    /** A planner that may delegate to an analyst, and the analyst. */
    static AgentDirectory plannerAndAnalyst() {
        AgentCard caller = new AgentCard("planner", "1", "ops", "plans", "scripted", List.of(), List.of(),
                List.of(TrustEdge.of("planner", "analyst")), null);
        AgentCard analyst = new AgentCard("analyst", "1", "ops", "analyses", "stalling", List.of(), List.of(),
                List.of(), null);
        return AgentDirectory.builder().agent(caller).agent(analyst).build();
    }

    @Test
    void a_stalled_remote_callee_is_cut_off_at_the_callers_deadline_on_both_sides() throws Exception {
        URI uri = callee.bind();
        AgentDirectory dir = plannerAndAnalyst();
        StallingChatModel model = new StallingChatModel();
        Governor calleeGovernor = callee.govern(Governor.builder());
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").model(model).governor(calleeGovernor).build();
        TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
        callee.start(Map.of("analyst", analyst), dir, ContextTokenVerifier.of(TrustedKeys.of(key), java.util.Set.of("svc-caller"), clock, 2));

        Delegator delegator = new Delegator(dir, Map.of("analyst", new RemoteAgentClient(uri,
                new ContextTokenIssuer(key, "svc-caller", clock, Duration.ofSeconds(60)), HttpClient.newHttpClient(),
                OpenTelemetry.noop().getTracer("t"), Duration.ofSeconds(30))), DelegationLimits.DEFAULT);
        GovernanceContext ctx = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("planner"))
                .withTask(TaskContext.of("run-remote-deadline"));
        Context withDeadline = RunDeadline.after(Duration.ofMillis(500), Clock.systemUTC()).storeIn(Context.root());
        Governor callerGovernor = Governor.builder().build();

        long t0 = System.nanoTime();
        DelegationOutcome out = delegator.delegate(callerGovernor, ctx, DelegationRequest.of("analyst", "stall"),
                withDeadline).await().atMost(Duration.ofSeconds(20));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(ms).as("caller waited for the stalled remote callee").isLessThan(15_000);
        assertThat(out.delivered()).isFalse();
        assertThat(out.code()).isIn(DelegationCodes.TIMEOUT, DelegationCodes.REMOTE_UNAVAILABLE);
        assertThat(model.calls.get()).isLessThanOrEqualTo(1);
        if (model.calls.get() == 1) {
            assertThat(model.interrupted.await(20, TimeUnit.SECONDS)).as("the receiver cancelled its run").isTrue();
        }
    }

    @Test
    void a_delegated_run_that_fails_is_reported_without_naming_an_exception_class() throws Exception {
        URI uri = callee.bind();
        AgentDirectory dir = plannerAndAnalyst();
        Governor calleeGovernor = callee.govern(Governor.builder());
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").model(new StallingChatModel())
                .governor(calleeGovernor).ids(() -> {
                    throw new IllegalStateException("run id source exhausted");
                }).build();
        TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
        callee.start(Map.of("analyst", analyst), dir, ContextTokenVerifier.of(TrustedKeys.of(key),
                java.util.Set.of("svc-caller"), clock, 2));
        GovernanceContext calleeCtx = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new dev.warden.core.Hop("planner", java.util.Set.of()));
        String token = new ContextTokenIssuer(key, "svc-caller", clock, Duration.ofSeconds(60))
                .issue(calleeCtx, "stall");

        java.net.http.HttpResponse<String> reply = HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(uri.resolve(DelegationWire.PATH))
                .header("Authorization", DelegationWire.AUTH_SCHEME + " " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"agentId\":\"analyst\",\"task\":\"stall\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(reply.body()).contains(DelegationCodes.CALLEE_FAILED).contains("The delegated run failed")
                .doesNotContain("Exception").doesNotContain("exhausted").doesNotContain("java.");
    }
}
