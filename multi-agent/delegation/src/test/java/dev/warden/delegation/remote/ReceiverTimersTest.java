package dev.warden.delegation.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Hop;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TimerKeepingPool;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.SigningKey;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.model.scripted.StallingChatModel;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiving side's run limit releases its timer when the delegated run ends (decision 0077): with Mutiny's
 * default pool keeping cancelled timers (as Quarkus' does), runs that answer at once leave nothing queued; and a run
 * that outlives the limit is answered as unfinished, never as completed.
 */
class ReceiverTimersTest {
    private final TimerKeepingPool defaultPool = TimerKeepingPool.installAsMutinyDefault();
    private final SigningKey key = SigningKey.generateEs256("caller-1");
    private final TestClock clock = TestClock.at("2025-06-01T10:00:00Z");
    private final ContextTokenIssuer issuer = new ContextTokenIssuer(key, "svc-caller", clock, Duration.ofSeconds(60));

    @AfterEach
    void restore() {
        defaultPool.close();
    }

    private DelegationReceiver receiver(GovernedAgent analyst, Duration runLimit) {
        return new DelegationReceiver(Map.of("analyst", analyst), RemoteDeadlineTest.plannerAndAnalyst(),
                Governor.builder().build(), ContextTokenVerifier.of(TrustedKeys.of(key), Set.of("svc-caller"), clock,
                        2), runLimit);
    }

    private String ask(DelegationReceiver receiver, String task) {
        GovernanceContext callee = GovernanceContext.of(Principal.of("alice", "ops"), AgentIdentity.of("analyst"))
                .withHop(new Hop("planner", Set.of()));
        String header = DelegationWire.AUTH_SCHEME + " " + issuer.issue(callee, task);
        return receiver.handle("{\"agentId\":\"analyst\",\"task\":\"" + task + "\"}",
                h -> "Authorization".equalsIgnoreCase(h) ? header : null).await().atMost(Duration.ofSeconds(60))
                .body();
    }

    @Test
    void delegated_runs_that_end_before_the_limit_leave_no_timer_queued() {
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").governor(Governor.builder().build())
                .model(ScriptedChatModel.rules().otherwise("analysed").build()).build();
        DelegationReceiver receiver = receiver(analyst, Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) {
            assertThat(ask(receiver, "analyse " + i)).contains("COMPLETED").contains("analysed");
        }
        assertThat(defaultPool.timersDueAfter(Duration.ofMinutes(1))).as("cancelled receiver timers kept").isZero();
    }

    @Test
    void a_delegated_run_that_outlives_the_limit_is_answered_as_unfinished() {
        GovernedAgent analyst = GovernedAgent.builder().id("analyst").governor(Governor.builder().build())
                .model(new StallingChatModel()).build();
        String reply = ask(receiver(analyst, Duration.ofMillis(100)), "stall");
        assertThat(reply).doesNotContain("COMPLETED");
        // the receiver's timer and the run's own deadline (the same instant) race: either ends it
        assertThat(reply).containsAnyOf(DelegationCodes.TIMEOUT, WardenCodes.RUN_DEADLINE);
    }
}
