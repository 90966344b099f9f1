package dev.warden.dataflow;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;
import java.util.Map;

/** The data-flow plane against the plane TCK. */
class DataFlowPlaneTckTest extends PlaneTck {

    @Override
    protected PolicyPlane newPlane() {
        return new DataFlowPlaneConformanceTest().plane();
    }

    @Override
    protected PolicyPlane failingPlane() {
        return new DataFlowPlaneConformanceTest().brokenPlane();
    }

    @Override
    protected CheckpointRequest request() {
        return Fixtures.call(Fixtures.PUBLIC_POST, Map.of("text", "our office opens at nine"),
                "post that our office opens at nine");
    }

    @Override
    protected GovernanceContext context() {
        return Fixtures.context("run-tck");
    }
}
