package dev.warden.action;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Usage;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** Builders shared by the action-boundary tests. */
final class ActionFixtures {
    private ActionFixtures() {}

    static final String EXAMPLE = "policies/examples/crm-analyst-actions.yaml";

    static PolicyEngine engine(Clock clock) {
        PolicyEngine engine = PolicyEngine.builder().clock(clock).build();
        engine.load(PolicySource.classpath(EXAMPLE));
        return engine;
    }

    static GovernanceContext ctx(String user, String agent, String runId) {
        return new GovernanceContext(new Principal(user, "acme", Set.of("analyst"), Map.of()),
                AgentIdentity.of(agent), TaskContext.of(runId), null, null, null);
    }

    static GovernanceContext ctx() {
        return ctx("ann", "crm-analyst", "run-1");
    }

    static GovernanceContext withTokens(GovernanceContext c, long in, long out) {
        return c.withUsage(new Usage(1, 0, in, out));
    }

    static CheckpointRequest call(String tool, Map<String, Object> args, Effect... effects) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named(tool, effects), "call-1", args);
    }
}
