package dev.warden.action;

import static dev.warden.action.ActionFixtures.call;
import static dev.warden.action.ActionFixtures.ctx;
import static dev.warden.action.ActionFixtures.withTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.action.internal.BudgetEnforcer;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.testing.TestClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetsTest {
    static final Duration DAY = Duration.ofDays(1);
    final TestClock clock = TestClock.at("2024-05-06T08:00:00Z");
    final CheckpointRequest modelRequest = CheckpointRequest.content(Checkpoint.MODEL_REQUEST, 1, "hi", Labels.PUBLIC);
    final CheckpointRequest modelResponse = CheckpointRequest.content(Checkpoint.MODEL_RESPONSE, 1, "ok",
            Labels.PUBLIC);

    ActionBoundaryPlane.Builder plane() {
        return ActionBoundaryPlane.builder().clock(clock);
    }

    static void exceeded(Decision d, String budget) {
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.code()).isEqualTo(ActionCodes.BUDGET_EXCEEDED);
            assertThat(deny.reason()).contains("'" + budget + "'");
            assertThat(deny.basis().ruleIds()).containsExactly(BudgetEnforcer.RULE_PREFIX + budget);
        });
    }

    @Test
    void tool_calls_per_run_are_counted_per_run() {
        ActionBoundaryPlane p = plane().budget(Budget.toolCalls("calls-per-run", BudgetScope.RUN, 2, DAY)).build();
        GovernanceContext run1 = ctx("ann", "crm-analyst", "run-1");
        assertThat(p.evaluate(call("crm.read", Map.of()), run1)).isInstanceOf(Decision.Allow.class);
        assertThat(p.evaluate(call("crm.read", Map.of()), run1)).isInstanceOf(Decision.Allow.class);
        exceeded(p.evaluate(call("crm.read", Map.of()), run1), "calls-per-run");
        assertThat(p.evaluate(call("crm.read", Map.of()), ctx("ann", "crm-analyst", "run-2")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void model_calls_per_user_reset_with_the_window() {
        ActionBoundaryPlane p = plane().budget(Budget.modelCalls("model-calls-per-user-minute", BudgetScope.USER, 1,
                Duration.ofMinutes(1))).build();
        assertThat(p.evaluate(modelRequest, ctx("ann", "a", "r1"))).isInstanceOf(Decision.Allow.class);
        exceeded(p.evaluate(modelRequest, ctx("ann", "b", "r2")), "model-calls-per-user-minute");
        assertThat(p.evaluate(modelRequest, ctx("bob", "a", "r3"))).isInstanceOf(Decision.Allow.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(p.evaluate(modelRequest, ctx("ann", "a", "r1"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void tokens_per_agent_are_charged_as_deltas_and_stop_further_model_calls() {
        ActionBoundaryPlane p = plane().budget(Budget.tokens("tokens-per-agent-day", BudgetScope.AGENT, 1000, DAY))
                .build();
        GovernanceContext run = ctx("ann", "crm-analyst", "run-1");
        assertThat(p.evaluate(modelResponse, withTokens(run, 300, 100))).isInstanceOf(Decision.Allow.class);
        // the same run's cumulative usage rises to 900: only the 500 new tokens are charged
        assertThat(p.evaluate(modelResponse, withTokens(run, 700, 200))).isInstanceOf(Decision.Allow.class);
        assertThat(p.evaluate(modelRequest, ctx("bob", "crm-analyst", "run-2"))).isInstanceOf(Decision.Allow.class);
        exceeded(p.evaluate(modelResponse, withTokens(ctx("bob", "crm-analyst", "run-2"), 100, 50)),
                "tokens-per-agent-day");
        exceeded(p.evaluate(modelRequest, ctx("cy", "crm-analyst", "run-3")), "tokens-per-agent-day");
        assertThat(p.evaluate(modelRequest, ctx("cy", "other-agent", "run-4"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void tokens_per_run_read_the_runs_own_usage() {
        ActionBoundaryPlane p = plane().budget(Budget.tokens("tokens-per-run", BudgetScope.RUN, 500, DAY)).build();
        assertThat(p.evaluate(modelRequest, withTokens(ctx(), 200, 100))).isInstanceOf(Decision.Allow.class);
        exceeded(p.evaluate(modelResponse, withTokens(ctx(), 400, 200)), "tokens-per-run");
        exceeded(p.evaluate(modelRequest, withTokens(ctx(), 400, 100)), "tokens-per-run");
    }

    @Test
    void money_moved_per_user_per_day_reads_the_declared_argument_of_financial_tools() {
        ActionBoundaryPlane p = plane().budget(Budget.amount("money-per-user-day", BudgetScope.USER,
                new BigDecimal("5000"), DAY, "args.amount")).build();
        assertThat(p.evaluate(call("pay", Map.of("amount", 3000), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
        assertThat(p.evaluate(call("pay", Map.of("amount", "1999.99"), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
        Decision d = p.evaluate(call("pay", Map.of("amount", 0.02), Effect.FINANCIAL), ctx());
        exceeded(d, "money-per-user-day");
        assertThat(((Decision.Deny) d).reason()).contains("4999.99 of 5000.00").contains("needs 0.02");
        assertThat(p.evaluate(call("pay", Map.of("amount", 0.01), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
        // non-financial tools are not metered; the next UTC day starts a new window
        assertThat(p.evaluate(call("crm.read", Map.of("amount", 99999)), ctx())).isInstanceOf(Decision.Allow.class);
        clock.advance(Duration.ofHours(16));
        assertThat(p.evaluate(call("pay", Map.of("amount", 5000), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_missing_non_numeric_or_negative_amount_is_denied_as_malformed() {
        ActionBoundaryPlane p = plane().budget(Budget.amount("money", BudgetScope.USER, new BigDecimal("100"), DAY,
                "payment.value")).build();
        for (Map<String, Object> args : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("payment", Map.of("value", "lots")), Map.of("payment", Map.of("value", -5)),
                Map.of("payment", "5"))) {
            assertThat(p.evaluate(call("pay", args, Effect.FINANCIAL), ctx())).as("%s", args).isInstanceOfSatisfying(
                    Decision.Deny.class, deny -> assertThat(deny.code()).isEqualTo(ActionCodes.AMOUNT_INVALID));
        }
        assertThat(p.evaluate(call("pay", Map.of("payment", Map.of("value", 5)), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void reservations_of_one_call_are_all_or_nothing() {
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        ActionBoundaryPlane p = plane().budgetStore(store)
                .budget(Budget.toolCalls("calls-per-user", BudgetScope.USER, 10, DAY))
                .budget(Budget.toolCalls("calls-per-run", BudgetScope.RUN, 1, DAY)).build();
        p.evaluate(call("crm.read", Map.of()), ctx());
        exceeded(p.evaluate(call("crm.read", Map.of()), ctx()), "calls-per-run");
        long dayStart = Instant.parse("2024-05-06T00:00:00Z").toEpochMilli();
        assertThat(store.used(new BudgetKey("calls-per-user", "acme/ann", dayStart))).isEqualTo(1);
    }

    @Test
    void budgets_meter_the_transformed_amount_and_nothing_for_denied_calls() {
        ActionBoundaryPlane p = plane().engine(ActionFixtures.engine(clock)).budget(Budget.amount("money",
                BudgetScope.USER, new BigDecimal("1500"), DAY, "amount").withTools("payments.*")).build();
        // 5000 is clamped to 1000 by the policy, and 1000 is what the budget counts
        assertThat(p.evaluate(call("payments.transfer", Map.of("amount", 5000), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Transform.class);
        exceeded(p.evaluate(call("payments.transfer", Map.of("amount", 501), Effect.FINANCIAL), ctx()), "money");
        assertThat(p.evaluate(call("payments.transfer", Map.of("amount", 500), Effect.FINANCIAL), ctx()))
                .isInstanceOf(Decision.Allow.class);
    }

    /** A store whose database is down. */
    static final class UnreachableStore implements BudgetStore {
        @Override
        public Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt) {
            throw new BudgetStoreException("connection refused");
        }

        @Override
        public void release(BudgetKey key, long amount) {
            throw new BudgetStoreException("connection refused");
        }

        @Override
        public long consume(BudgetKey key, long amount, Instant expiresAt) {
            throw new BudgetStoreException("connection refused");
        }

        @Override
        public long advanceTo(BudgetKey key, long value, Instant expiresAt) {
            throw new BudgetStoreException("connection refused");
        }

        @Override
        public long used(BudgetKey key) {
            throw new BudgetStoreException("connection refused");
        }
    }

    @Test
    void an_unreachable_or_full_store_denies() {
        ActionBoundaryPlane down = plane().budgetStore(new UnreachableStore())
                .budget(Budget.toolCalls("calls", BudgetScope.RUN, 5, DAY)).build();
        assertThat(down.evaluate(call("a", Map.of()), ctx())).isInstanceOfSatisfying(Decision.Deny.class, d -> {
            assertThat(d.code()).isEqualTo(ActionCodes.BUDGET_STORE_UNAVAILABLE);
            assertThat(d.reason()).contains("connection refused");
        });
        ActionBoundaryPlane full = plane().budgetStore(new InMemoryBudgetStore(clock, 1))
                .budget(Budget.toolCalls("calls", BudgetScope.RUN, 5, DAY)).build();
        assertThat(full.evaluate(call("a", Map.of()), ctx("ann", "x", "run-1"))).isInstanceOf(Decision.Allow.class);
        assertThat(full.evaluate(call("a", Map.of()), ctx("ann", "x", "run-2"))).isInstanceOfSatisfying(
                Decision.Deny.class, d -> assertThat(d.code()).isEqualTo(ActionCodes.BUDGET_STORE_UNAVAILABLE));
    }
}
