package dev.warden.core.demo;

import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The demo's hand-written policy plane (real deployments write these rules in the YAML/CEL policy language):
 * money only to an IBAN the user typed, and transfers above 500 EUR need a manager.
 */
final class DemoBankingPolicy implements PolicyPlane {
    private static final String SET = "demo-banking";

    @Override
    public String name() {
        return "action-boundary";
    }

    @Override
    public Set<Checkpoint> checkpoints() {
        return EnumSet.of(Checkpoint.TOOL_CALL);
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
        if (request.tool() == null || !request.tool().hasEffect(Effect.FINANCIAL)) {
            return Decision.allow(Basis.rule(name(), SET, "1"));
        }
        String recipient = String.valueOf(request.arguments().get("recipient")).replace(" ", "");
        String userInput = String.valueOf(request.attributes().getOrDefault(CheckpointAttributes.USER_INPUT, ""))
                .replace(" ", "");
        if (!userInput.contains(recipient)) {
            return Decision.deny("recipient IBAN does not come from the user's request", "WARDEN-DEMO-0001",
                    Basis.rule(name(), SET, "1", "iban-from-user-only"));
        }
        Object amount = request.arguments().get("amount");
        if (amount instanceof Number n && n.doubleValue() > 500) {
            return Decision.requireApproval("transfers above 500 EUR need a manager", Set.of("manager"),
                    Duration.ofHours(4), Basis.rule(name(), SET, "1", "large-transfer-approval"));
        }
        return Decision.allow(Basis.rule(name(), SET, "1"));
    }
}
