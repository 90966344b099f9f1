package dev.warden.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.model.scripted.StallingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A delegation timeout bounds the caller: the local callee runs off the caller's thread and is cancelled with it, so
 * the caller's {@code delegate} returns at the timeout (not when a stalled callee model finally gives up), and a
 * callee runs under the earlier of the delegation limit and its caller's own run deadline.
 */
class DelegationDeadlineTest {
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final StallingChatModel researcherModel = new StallingChatModel();

    GovernedAgent supervisor(DelegationLimits limits, Duration supervisorBudget) {
        GovernedAgent researcher = GovernedAgent.builder().id("researcher").model(researcherModel)
                .governor(Governor.builder().auditSink(new InMemoryAuditSink()).build()).build();
        AgentDirectory dir = AgentDirectory.builder()
                .agent(new AgentCard("supervisor", "1", "team", "routes work", "scripted", List.of(), List.of(),
                        List.of(TrustEdge.of("supervisor", "researcher")), null))
                .agent(AgentCard.of(researcher, "finds facts", "stalling", List.of(), List.of()))
                .build();
        DelegateTool delegate = new DelegateTool(new Delegator(dir,
                Map.of("researcher", new LocalAgentEndpoint(researcher)), limits), List.of("researcher"));
        Governor governor = delegate.wire(Governor.builder().auditSink(audit)).build();
        return GovernedAgent.builder().id("supervisor").governor(governor).runTimeout(supervisorBudget)
                .model(ScriptedChatModel.rules()
                        .whenUser("research (\\w+)", m -> List.of(ScriptedChatModel.call("delegate",
                                Map.of("agent", "researcher", "task", "Find sources about " + m.group(1)))))
                        .finalAnswer(rs -> rs.get(0).text()).build())
                .tools(delegate.register(ToolRegistry.builder(), governor).build())
                .build();
    }

    /** The callee's model call in flight was interrupted (on a loaded machine it may not have started at all). */
    void assertCalleeCancelled() throws InterruptedException {
        assertThat(researcherModel.calls.get()).isLessThanOrEqualTo(1);
        if (researcherModel.calls.get() == 1) {
            assertThat(researcherModel.interrupted.await(20, TimeUnit.SECONDS)).as("callee model call cancelled")
                    .isTrue();
        }
    }

    @Test
    void a_stalled_local_callee_returns_to_the_caller_at_the_delegation_timeout() throws Exception {
        GovernedAgent sup = supervisor(new DelegationLimits(3, 8, Duration.ofMillis(300)), null);
        long t0 = System.nanoTime();
        RunResult r = sup.runBlocking("research owls", Principal.of("alice"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(ms).as("supervisor waited for the stalled callee").isLessThan(15_000);
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        // the caller's timer and the callee's own (inherited) deadline fire together: either way the caller hears of
        // a timed-out delegation, on time
        assertThat(r.output()).containsAnyOf(DelegationCodes.TIMEOUT, "run reached its deadline");
        assertCalleeCancelled();
        assertThat(audit.records()).anySatisfy(d -> assertThat(d.checkpoint()).isEqualTo("DELEGATION_RESULT"));
    }

    @Test
    void a_callee_ends_by_its_callers_earlier_run_deadline() throws Exception {
        GovernedAgent sup = supervisor(DelegationLimits.DEFAULT, Duration.ofMillis(400));
        long t0 = System.nanoTime();
        RunResult r = sup.runBlocking("research owls", Principal.of("alice"));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(ms).isLessThan(15_000);
        assertThat(r.status()).isEqualTo(RunStatus.TIMED_OUT);
        assertThat(r.code()).isEqualTo(WardenCodes.RUN_DEADLINE);
        assertCalleeCancelled();
        assertThat(audit.records()).anySatisfy(d -> assertThat(d.code()).isEqualTo(WardenCodes.RUN_DEADLINE));
    }
}
