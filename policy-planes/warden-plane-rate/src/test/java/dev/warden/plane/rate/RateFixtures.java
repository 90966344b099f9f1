package dev.warden.plane.rate;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Builders shared by the rate plane's tests. */
final class RateFixtures {
    private RateFixtures() {}

    static final String RATES = "policies/rates.yaml";
    private static final AtomicInteger CALLS = new AtomicInteger();

    static PolicyEngine engine(Clock clock, PolicySource... sources) {
        PolicyEngine engine = PolicyEngine.builder().clock(clock).plane(RatePlane.NAME).build();
        engine.load(sources.length == 0 ? new PolicySource[] {PolicySource.classpath(RATES)} : sources);
        return engine;
    }

    static GovernanceContext ctx(String user, String agent) {
        return new GovernanceContext(new Principal(user, "acme", Set.of("customer"), Map.of()),
                AgentIdentity.of(agent), TaskContext.of("run-" + user + "-" + agent), null, null, null);
    }

    static GovernanceContext alice() {
        return ctx("alice", "banking-assistant");
    }

    /** A call with a fresh tool call id, as the model gives each call. */
    static CheckpointRequest call(String tool, Map<String, Object> args) {
        return CheckpointRequest.toolCall(1, ToolDescriptor.named(tool), "call-" + CALLS.incrementAndGet(), args);
    }

    static CheckpointRequest sendMoney(int amount) {
        return call("send_money", Map.of("recipient", "DE89370400440532013000", "amount", amount));
    }
}
