package dev.warden.identity;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** Builders shared by the identity tests. */
final class IdentityFixtures {
    private IdentityFixtures() {}

    static final String EXAMPLE = "policies/examples/crm-assistant-identity.yaml";
    /** Monday 2024-05-06 10:00 in Berlin (08:00 UTC). */
    static final String MONDAY_MORNING_BERLIN = "2024-05-06T08:00:00Z";
    /** Monday 2024-05-06 20:30 in Berlin. */
    static final String MONDAY_EVENING_BERLIN = "2024-05-06T18:30:00Z";

    static PolicyEngine engine(Clock clock, String... resources) {
        PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
        for (String r : resources) {
            engine.load(PolicySource.classpath(r));
        }
        return engine;
    }

    static GovernanceContext tenantUser(String id, String tenant, String purpose, String... roles) {
        return new GovernanceContext(new Principal(id, tenant, Set.of(roles), Map.of()),
                AgentIdentity.of("crm-assistant"), new TaskContext("run-1", null, purpose), null, null, null);
    }

    static GovernanceContext user(String id, String... roles) {
        return tenantUser(id, "acme", null, roles);
    }

    static CheckpointRequest call(String tool, Effect... effects) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named(tool, effects), "call-1", Map.of());
    }
}
