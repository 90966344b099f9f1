package dev.warden.action;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Risk;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.testing.AbstractPolicyPlaneConformanceTest;
import dev.warden.core.testing.TestClock;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class ActionBoundaryPlaneConformanceTest extends AbstractPolicyPlaneConformanceTest {
    static final TestClock CLOCK = TestClock.at("2024-05-06T08:00:00Z");
    static final ActionBoundaryPlane PLANE = ActionBoundaryPlane.builder().engine(ActionFixtures.engine(CLOCK))
            .clock(CLOCK)
            .budget(Budget.amount("money", BudgetScope.USER, new BigDecimal("1000000"), Duration.ofDays(1),
                    "amount"))
            .build();

    @Override
    protected PolicyPlane plane() {
        return PLANE;
    }

    /** A rule whose condition reads an argument no call has: it errors at run time (the store-down case is in BudgetsTest). */
    @Override
    protected PolicyPlane brokenPlane() {
        PolicyEngine engine = PolicyEngine.builder().clock(CLOCK).build();
        engine.load(new PolicySource("broken.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: broken, version: 1 }
                rules:
                  - id: reads-missing-argument
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: args.limit > 3
                    decision: deny
                """));
        return ActionBoundaryPlane.builder().engine(engine).clock(CLOCK).build();
    }

    @Override
    protected CheckpointRequest deniedRequest() {
        return ActionFixtures.call("sql.query", Map.of("query", "DROP TABLE deals"));
    }

    @Override
    protected GovernanceContext context() {
        return ActionFixtures.ctx();
    }

    @Override
    protected List<String> expectedDenyRuleIds() {
        return List.of("sql-select-only");
    }

    @Override
    protected List<CheckpointRequest> malformedRequests() {
        ToolDescriptor blank = new ToolDescriptor("", null, null, null, null, Risk.LOW, true);
        return List.of(
                new CheckpointRequest(Checkpoint.TOOL_CALL, 1, null, "c", Map.of("x", 1), null, null, null, null),
                new CheckpointRequest(Checkpoint.TOOL_CALL, 1, blank, "c", null, null, null, null, null),
                ActionFixtures.call("sql.query", Map.of()),
                ActionFixtures.call("sql.query", Map.of("query", 42)),
                ActionFixtures.call("payments.transfer", Map.of("amount", "a lot"), Effect.FINANCIAL),
                ActionFixtures.call("payments.transfer", Map.of("amount", -100), Effect.FINANCIAL));
    }
}
