package dev.warden.quarkus.test;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/** A plug-in plane contributed as a plain bean: Warden discovers it without any registration. */
@Singleton
public class TellerPlane implements PolicyPlane {
    @Override
    public String name() {
        return "teller-plugin";
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return Set.of(Checkpoint.TOOL_CALL);
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        Basis basis = new Basis(name(), "teller-plugin", "1", java.util.List.of("rule-" + request.toolName()),
                Basis.Mode.ENFORCE);
        return switch (request.toolName()) {
            case "delete_account" -> Decision.deny("accounts are closed in the branch, not by the assistant",
                    "TELLER-0001", basis);
            case "send_money" -> ((Number) request.arguments().get("amount")).doubleValue() > 100
                    ? new Decision.RequireApproval("transfers above 100 EUR need a manager", Set.of("manager"),
                            Duration.ofHours(1), basis)
                    : Decision.allow(name());
            default -> Decision.allow(name());
        };
    }
}
