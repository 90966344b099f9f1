package dev.warden.samples.banking;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/**
 * A plane that breaks on purpose at {@code send_money}, present only under {@link PlaneFaultsTest}'s profile: it
 * throws, or takes longer than its time budget.
 */
@Singleton
@IfBuildProfile(PlaneFaultsTest.PROFILE)
public class FaultInjectionPlane implements PolicyPlane {
    /** What the plane does at the next {@code send_money}. */
    public enum Fault { NONE, THROW, SLOW }

    static volatile Fault fault = Fault.NONE;
    static final Duration BUDGET = Duration.ofMillis(100);

    @Override
    public String name() {
        return "fault-injection";
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return Set.of(Checkpoint.TOOL_CALL);
    }

    @Override
    public Duration timeBudget() {
        return BUDGET;
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        if (!"send_money".equals(request.toolName())) {
            return Decision.allow(name());
        }
        switch (fault) {
            case THROW -> throw new IllegalStateException("injected fault: the plane's backing service is down");
            case SLOW -> {
                try {
                    Thread.sleep(BUDGET.toMillis() * 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Decision.allow(name());
            }
            default -> {
                return Decision.allow(name());
            }
        }
    }
}
