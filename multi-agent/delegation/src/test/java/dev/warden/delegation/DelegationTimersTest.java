package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Deadlines;
import dev.warden.core.Declassification;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TimerKeepingPool;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time limits of delegations and orchestrations release their timers when the delegated work ends (decision
 * 0077): with Mutiny's default pool keeping cancelled timers (as Quarkus' does), nothing is left queued after calls
 * that ended long before their limit; and a limit that passes still refuses.
 */
class DelegationTimersTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Duration LEFT_BEHIND = Duration.ofMinutes(1);
    private final TimerKeepingPool defaultPool = TimerKeepingPool.installAsMutinyDefault();
    private final InMemoryAuditSink audit = new InMemoryAuditSink();
    private final Governor governor = Governor.builder().auditSink(audit).build();

    private final AgentEndpoint answersAtOnce = new AgentEndpoint() {
        @Override
        public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
            return Uni.createFrom().item(new DelegatedRun("r", RunStatus.COMPLETED, "done: " + task, Labels.PUBLIC,
                    null, List.of()));
        }

        @Override
        public Uni<DelegatedRun> confirm(String confirmationId, ConfirmationResolution answer, Context otel) {
            return invoke("confirmed", null, otel);
        }
    };

    private final AgentEndpoint neverAnswers = new AgentEndpoint() {
        @Override
        public Uni<DelegatedRun> invoke(String task, GovernanceContext calleeContext, Context otel) {
            return Uni.createFrom().nothing();
        }

        @Override
        public Uni<DelegatedRun> confirm(String confirmationId, ConfirmationResolution answer, Context otel) {
            return Uni.createFrom().nothing();
        }
    };

    @AfterEach
    void restore() {
        defaultPool.close();
    }

    private static Delegator delegator(AgentEndpoint endpoint, Duration limit) {
        AgentDirectory.Builder b = AgentDirectory.builder().agent(new AgentCard("coordinator", "1", "ops", "", "none",
                List.of(), List.of(), List.of(), null));
        for (String id : List.of("researcher", "writer")) {
            b.agent(new AgentCard(id, "1", "ops", id, "m", List.of(), List.of(), List.of(), null))
                    .edge(TrustEdge.of("coordinator", id));
        }
        return new Delegator(b.build(), Map.of("researcher", endpoint, "writer", endpoint),
                new DelegationLimits(3, 8, limit));
    }

    private static GovernanceContext coordinator(String runId) {
        return GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("coordinator"))
                .withTask(TaskContext.of(runId));
    }

    private static final PendingApproval.Relay RELAY = new PendingApproval.Relay("researcher", "confirmation-1",
            "delegate", Map.of("agent", "researcher", "task", "pay the invoice"));

    @Test
    void delegations_that_answer_before_their_limit_leave_no_timer_queued() {
        Delegator d = delegator(answersAtOnce, LONG);
        for (int i = 0; i < 20; i++) {
            DelegationOutcome out = d.delegate(governor, coordinator("run-" + i), DelegationRequest.of("researcher",
                    "find owls")).await().indefinitely();
            assertThat(out.delivered()).isTrue();
        }
        assertThat(defaultPool.timersDueAfter(LEFT_BEHIND)).as("cancelled delegation timers kept").isZero();
    }

    @Test
    void relayed_answers_that_pass_before_their_limit_leave_no_timer_queued() {
        Delegator d = delegator(answersAtOnce, LONG);
        for (int i = 0; i < 20; i++) {
            DelegationOutcome out = d.answer(governor, coordinator("run-" + i), RELAY,
                    ConfirmationResolution.decline(Principal.of("alice")), 1, Context.root()).await().indefinitely();
            assertThat(out.delivered()).isTrue();
        }
        assertThat(defaultPool.timersDueAfter(LEFT_BEHIND)).as("cancelled relay timers kept").isZero();
    }

    @Test
    void orchestrations_that_end_before_their_deadline_leave_no_timer_queued() {
        // the delegations' own limits (5 min) are shorter than the orchestrations' (10 min) and not counted here
        Orchestrations o = new Orchestrations(delegator(answersAtOnce, Duration.ofMinutes(5)), governor);
        for (int i = 0; i < 10; i++) {
            assertThat(o.sequence(coordinator("seq-" + i), List.of("researcher", "writer"), "owls", LONG)
                    .await().indefinitely().completed()).isTrue();
            Map<String, String> tasks = new LinkedHashMap<>();
            tasks.put("researcher", "facts");
            tasks.put("writer", "prose");
            assertThat(o.parallel(coordinator("par-" + i), tasks, LONG).await().indefinitely().completed()).isTrue();
        }
        assertThat(defaultPool.timersDueAfter(Duration.ofMinutes(6))).as("cancelled orchestration timers kept")
                .isZero();
    }

    @Test
    void delegations_and_orchestrations_cancelled_by_their_caller_leave_no_timer_queued() {
        int before = Deadlines.pending();
        Delegator d = delegator(neverAnswers, LONG);
        Orchestrations o = new Orchestrations(delegator(neverAnswers, LONG), governor);
        List<Cancellable> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(d.delegate(governor, coordinator("run-" + i), DelegationRequest.of("researcher", "owls"))
                    .subscribe().with(x -> { }));
            inFlight.add(o.sequence(coordinator("seq-" + i), List.of("researcher"), "owls", LONG)
                    .subscribe().with(x -> { }, f -> { }));
            inFlight.add(o.parallel(coordinator("par-" + i), Map.of("writer", "prose"), LONG)
                    .subscribe().with(x -> { }, f -> { }));
        }
        inFlight.forEach(Cancellable::cancel);
        assertThat(defaultPool.timersDueAfter(LEFT_BEHIND)).as("timers of cancelled work kept").isZero();
        assertThat(Deadlines.pending()).as("time limits still running").isLessThanOrEqualTo(before);
    }

    @Test
    void a_delegation_whose_limit_passes_is_refused_as_a_timeout() {
        DelegationOutcome out = delegator(neverAnswers, Duration.ofMillis(50)).delegate(governor,
                coordinator("run-slow"), DelegationRequest.of("researcher", "find owls")).await().indefinitely();
        assertThat(out.delivered()).isFalse();
        assertThat(out.code()).isEqualTo(DelegationCodes.TIMEOUT);
        assertThat(audit.records()).anySatisfy(r -> assertThat(r.code()).isEqualTo(DelegationCodes.TIMEOUT));
    }

    @Test
    void a_relayed_answer_whose_limit_passes_is_not_delivered() {
        DelegationOutcome out = delegator(neverAnswers, Duration.ofMillis(50)).answer(governor,
                coordinator("run-slow"), RELAY, ConfirmationResolution.decline(Principal.of("alice")), 1,
                Context.root()).await().indefinitely();
        assertThat(out.delivered()).isFalse();
        assertThat(out.code()).isEqualTo(Declassification.RELAY_FAILED);
    }

    @Test
    void orchestrations_whose_deadline_passes_fail() {
        Orchestrations o = new Orchestrations(delegator(neverAnswers, LONG), governor);
        assertThatThrownBy(() -> o.sequence(coordinator("seq-slow"), List.of("researcher", "writer"), "owls",
                Duration.ofMillis(50)).await().indefinitely()).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> o.parallel(coordinator("par-slow"), Map.of("researcher", "facts"),
                Duration.ofMillis(50)).await().indefinitely()).isInstanceOf(TimeoutException.class);
    }
}
