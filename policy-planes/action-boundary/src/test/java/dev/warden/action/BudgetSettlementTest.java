package dev.warden.action;

import static dev.warden.action.ActionFixtures.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.testing.TestClock;
import dev.warden.core.testing.TestPlanes;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.Settlement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Budgets count only what happened: the action-boundary plane's reservations follow the committed/aborted hooks. */
class BudgetSettlementTest {
    final TestClock clock = TestClock.at("2024-05-06T08:00:00Z");
    final AtomicInteger callIds = new AtomicInteger();
    final GovernanceContext alice = ctx("alice", "bank-agent", "run-1");

    PolicyPlane plane(PolicyEngine engine) {
        ActionBoundaryPlane.Builder b = ActionBoundaryPlane.builder().clock(clock)
                .budget(Budget.toolCalls("two-transfers-a-day", BudgetScope.USER, 2, Duration.ofDays(1)));
        return new Unhurried((engine == null ? b : b.engine(engine)).build());
    }

    /**
     * The plane with a generous time budget: these tests are about what is counted, and a cold evaluation on a loaded
     * build machine can overrun 250 ms (which fails closed, and is tested elsewhere).
     */
    record Unhurried(ActionBoundaryPlane plane) implements PolicyPlane {
        public String name() {
            return plane.name();
        }

        public java.util.Set<dev.warden.core.Checkpoint> checkpoints() {
            return plane.checkpoints();
        }

        public Duration timeBudget() {
            return Duration.ofSeconds(30);
        }

        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return plane.evaluate(request, context);
        }

        public void committed(Settlement s) {
            plane.committed(s);
        }

        public void aborted(Settlement s) {
            plane.aborted(s);
        }
    }

    CheckpointRequest transfer() {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("send_money", Effect.FINANCIAL),
                "call-" + callIds.incrementAndGet(), Map.of("amount", 10));
    }

    Verdict ranAfter(Governor g) {
        CheckpointRequest r = transfer();
        Verdict v = g.check(r, alice);
        if (v.proceeds()) {
            g.committed(r, alice, v);
        }
        return v;
    }

    @Test
    void calls_denied_by_another_plane_do_not_consume_the_budget() {
        PolicyPlane p = plane(null);
        Governor vetoed = Governor.builder().plane(p).plane(TestPlanes.denyTool("veto", "send_money")).clock(clock)
                .build();
        for (int i = 0; i < 5; i++) {
            assertThat(vetoed.check(transfer(), alice).proceeds()).isFalse();
        }
        Governor open = Governor.builder().plane(p).clock(clock).build();
        assertThat(ranAfter(open).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(ranAfter(open).outcome()).isEqualTo(Outcome.ALLOW);
        Verdict third = ranAfter(open);
        assertThat(third.outcome()).isEqualTo(Outcome.DENY);
        assertThat(third.code()).isEqualTo(ActionCodes.BUDGET_EXCEEDED);
    }

    @Test
    void a_tool_that_failed_releases_its_reservation() {
        PolicyPlane p = plane(null);
        Governor g = Governor.builder().plane(p).clock(clock).build();
        for (int i = 0; i < 4; i++) {
            CheckpointRequest r = transfer();
            Verdict v = g.check(r, alice);
            assertThat(v.proceeds()).isTrue();
            g.aborted(r, alice, v, Settlement.Abort.ACTION_FAILED, "backend down");
        }
        assertThat(ranAfter(g).proceeds()).isTrue();
    }

    private PolicyEngine approvals() {
        PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
        engine.load(new PolicySource("approvals.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: approvals, version: 1 }
                rules:
                  - id: transfers-need-a-manager
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: require_approval
                    approvers: [manager]
                """));
        return engine;
    }

    @Test
    void an_approval_refused_releases_the_reservation() {
        Governor g = Governor.builder().plane(plane(approvals())).clock(clock).build();
        for (int i = 0; i < 4; i++) {
            CheckpointRequest r = transfer();
            Verdict v = g.check(r, alice);
            assertThat(v.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
            Verdict refused = Verdict.humanDecision(r, false, "no", "WARDEN-CORE-0000", v.ruleIds());
            g.aborted(r, alice, refused, Settlement.Abort.REFUSED, "no");
        }
        assertThat(g.check(transfer(), alice).outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
    }

    @Test
    void approved_calls_count_against_the_budget() {
        Governor g = Governor.builder().plane(plane(approvals())).clock(clock).build();
        for (int i = 0; i < 2; i++) {
            CheckpointRequest r = transfer();
            Verdict v = g.check(r, alice);
            assertThat(v.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
            g.committed(r, alice, Verdict.humanDecision(r, true, "ok", null, v.ruleIds()));
        }
        Verdict third = g.check(transfer(), alice);
        assertThat(third.outcome()).as("a third transfer is over budget, not put to an approver")
                .isEqualTo(Outcome.DENY);
        assertThat(third.code()).isEqualTo(ActionCodes.BUDGET_EXCEEDED);
    }

    @Test
    void a_reservation_never_settled_stays_counted() {
        PolicyPlane p = plane(null);
        assertThat(p.evaluate(transfer(), alice)).isInstanceOf(Decision.Allow.class);
        assertThat(p.evaluate(transfer(), alice)).isInstanceOf(Decision.Allow.class);
        assertThat(p.evaluate(transfer(), alice)).isInstanceOf(Decision.Deny.class);
    }
}
