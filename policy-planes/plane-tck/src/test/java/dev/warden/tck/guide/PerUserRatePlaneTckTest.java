package dev.warden.tck.guide;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.spi.PolicyPlane;
import dev.warden.tck.PlaneTck;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.OptionalInt;

/** The guide's example plane passes the plane TCK. */
class PerUserRatePlaneTckTest extends PlaneTck {
    private final Clock clock = Clock.systemUTC();

    private PolicyPlane plane(String policy) {
        AtomicReference<PolicyEngine> engine = new AtomicReference<>();
        PerUserRatePlane plane = new PerUserRatePlane(engine::get, clock);
        engine.set(PolicyEngine.builder().clock(clock).planes(List.of(plane)).build());
        engine.get().load(PolicySource.classpath(policy));
        return plane;
    }

    @Override
    protected PolicyPlane newPlane() {
        return plane("guide/per-user-rate.yaml");
    }

    /** A rule whose condition reads an argument transfers do not have: the evaluation fails. */
    @Override
    protected PolicyPlane failingPlane() {
        return plane("guide/broken-rate.yaml");
    }

    @Override
    protected CheckpointRequest request() {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named("send_money", Effect.FINANCIAL), "call",
                Map.of("amount", 10));
    }

    @Override
    protected GovernanceContext context() {
        return GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("bank-agent"));
    }

    @Override
    protected OptionalInt limit() {
        return OptionalInt.of(5);
    }
}
