package dev.warden.identity;

import static dev.warden.identity.IdentityFixtures.EXAMPLE;
import static dev.warden.identity.IdentityFixtures.MONDAY_MORNING_BERLIN;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.testing.TestClock;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;

/** The identity plane against the plane TCK. */
class IdentityPlaneTckTest extends PlaneTck {
    static final TestClock CLOCK = TestClock.at(MONDAY_MORNING_BERLIN);

    @Override
    protected PolicyPlane newPlane() {
        return IdentityPlane.builder().engine(IdentityFixtures.engine(CLOCK, EXAMPLE))
                .agentTenant("crm-assistant", "acme").build();
    }

    @Override
    protected PolicyPlane failingPlane() {
        return new IdentityPlaneConformanceTest().brokenPlane();
    }

    @Override
    protected CheckpointRequest request() {
        return IdentityFixtures.call("crm.read");
    }

    @Override
    protected GovernanceContext context() {
        return IdentityFixtures.user("ann", "junior-analyst");
    }
}
