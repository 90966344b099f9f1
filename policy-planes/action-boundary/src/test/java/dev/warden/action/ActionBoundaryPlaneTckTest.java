package dev.warden.action;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.testing.TestClock;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/** The action-boundary plane against the plane TCK, with a budget so the stateful promises are exercised. */
class ActionBoundaryPlaneTckTest extends PlaneTck {
    static final TestClock CLOCK = TestClock.at("2024-05-06T08:00:00Z");

    private static ActionBoundaryPlane.Builder base() {
        return ActionBoundaryPlane.builder().engine(ActionFixtures.engine(CLOCK)).clock(CLOCK)
                .budget(Budget.toolCalls("three-queries-a-day", BudgetScope.USER, 3, Duration.ofDays(1)));
    }

    @Override
    protected PolicyPlane newPlane() {
        return base().build();
    }

    /** The budget store does not answer. */
    @Override
    protected PolicyPlane failingPlane() {
        return base().budgetStore(new BudgetStore() {
            public Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt) {
                throw new BudgetStoreException("database down");
            }

            public void release(BudgetKey key, long amount) {
                throw new BudgetStoreException("database down");
            }

            public long consume(BudgetKey key, long amount, Instant expiresAt) {
                throw new BudgetStoreException("database down");
            }

            public long advanceTo(BudgetKey key, long value, Instant expiresAt) {
                throw new BudgetStoreException("database down");
            }

            public long used(BudgetKey key) {
                throw new BudgetStoreException("database down");
            }
        }).build();
    }

    @Override
    protected CheckpointRequest request() {
        return ActionFixtures.call("sql.query", Map.of("query", "SELECT name FROM deals"));
    }

    @Override
    protected GovernanceContext context() {
        return ActionFixtures.ctx();
    }

    @Override
    protected OptionalInt limit() {
        return OptionalInt.of(3);
    }
}
