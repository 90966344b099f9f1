package dev.warden.identity;

import static dev.warden.identity.IdentityFixtures.EXAMPLE;
import static dev.warden.identity.IdentityFixtures.MONDAY_MORNING_BERLIN;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.testing.AbstractPolicyPlaneConformanceTest;
import dev.warden.core.testing.TestClock;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import java.util.List;
import java.util.Map;

class IdentityPlaneConformanceTest extends AbstractPolicyPlaneConformanceTest {
    static final TestClock CLOCK = TestClock.at(MONDAY_MORNING_BERLIN);
    static final IdentityPlane PLANE = IdentityPlane.builder().engine(IdentityFixtures.engine(CLOCK, EXAMPLE))
            .agentTenant("crm-assistant", "acme").build();

    @Override
    protected PolicyPlane plane() {
        return PLANE;
    }

    /** A rule that reads an argument every call lacks: its condition errors at run time. */
    @Override
    protected PolicyPlane brokenPlane() {
        PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).build();
        engine.load(new PolicySource("broken.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: broken, version: 1 }
                rules:
                  - id: reads-missing-argument
                    plane: identity
                    on: [TOOL_CALL]
                    when: args.clearance > 3
                    decision: deny
                """));
        return IdentityPlane.builder().engine(engine).build();
    }

    @Override
    protected CheckpointRequest deniedRequest() {
        return IdentityFixtures.call("reports.export");
    }

    @Override
    protected GovernanceContext context() {
        return IdentityFixtures.user("ann", "junior-analyst");
    }

    @Override
    protected List<String> expectedDenyRuleIds() {
        return List.of("export-needs-vp");
    }

    @Override
    protected List<CheckpointRequest> malformedRequests() {
        ToolDescriptor blank = new ToolDescriptor(" ", null, null, null, null, Risk.LOW, true);
        return List.of(
                new CheckpointRequest(Checkpoint.TOOL_CALL, 1, null, "c", Map.of("x", 1), null, null, null, null),
                new CheckpointRequest(Checkpoint.TOOL_CALL, 1, blank, "c", null, null, null, null, null),
                new CheckpointRequest(Checkpoint.DELEGATION, 1, null, null, null, "do it", null, null, null));
    }
}
