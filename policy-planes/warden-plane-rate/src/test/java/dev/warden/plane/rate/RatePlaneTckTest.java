package dev.warden.plane.rate;

import dev.warden.action.BudgetKey;
import dev.warden.action.BudgetStore;
import dev.warden.action.BudgetStoreException;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.testing.TestClock;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;
import java.time.Instant;
import java.util.OptionalInt;

/** The rate plane against the plane contract: 5 send_money per user per hour, counted exactly under contention. */
class RatePlaneTckTest extends PlaneTck {
    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");

    /** A store whose database is down: every operation fails. */
    static final class UnavailableStore implements BudgetStore {
        @Override
        public Reservation tryReserve(BudgetKey key, long amount, long limit, Instant expiresAt) {
            throw new BudgetStoreException("database down");
        }

        @Override
        public void release(BudgetKey key, long amount) {
            throw new BudgetStoreException("database down");
        }

        @Override
        public long consume(BudgetKey key, long amount, Instant expiresAt) {
            throw new BudgetStoreException("database down");
        }

        @Override
        public long advanceTo(BudgetKey key, long value, Instant expiresAt) {
            throw new BudgetStoreException("database down");
        }

        @Override
        public long used(BudgetKey key) {
            throw new BudgetStoreException("database down");
        }
    }

    @Override
    protected PolicyPlane newPlane() {
        return RatePlane.builder().engine(RateFixtures.engine(clock)).budgetStore(new InMemoryBudgetStore(clock))
                .clock(clock).build();
    }

    @Override
    protected PolicyPlane failingPlane() {
        return RatePlane.builder().engine(RateFixtures.engine(clock)).budgetStore(new UnavailableStore())
                .clock(clock).build();
    }

    @Override
    protected CheckpointRequest request() {
        return RateFixtures.sendMoney(10);
    }

    @Override
    protected GovernanceContext context() {
        return RateFixtures.alice();
    }

    @Override
    protected OptionalInt limit() {
        return OptionalInt.of(5);
    }
}
