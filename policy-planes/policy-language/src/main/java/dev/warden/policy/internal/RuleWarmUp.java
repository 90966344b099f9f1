package dev.warden.policy.internal;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Runs every compiled condition once against a synthetic request before a policy version starts serving. The first
 * evaluation on a cold JVM loads and links the CEL interpreter's classes and Warden's function bindings, which can
 * take longer than a plane's time budget — and a plane over budget fails closed, so the first real call would be
 * denied. Results and errors of the warm-up are ignored; nothing is recorded.
 */
final class RuleWarmUp {
    private static final CheckpointRequest REQUEST = CheckpointRequest.toolCall(0,
            ToolDescriptor.named("warden.warm-up", Effect.READ), "warm-up", Map.of("query", "SELECT 1"));
    private static final GovernanceContext CONTEXT = GovernanceContext.of(Principal.of("warden-warm-up"),
            new AgentIdentity("warden-warm-up", null, null));

    private RuleWarmUp() {}

    static void run(List<CompiledPolicySet> sets) {
        for (CompiledPolicySet set : sets) {
            for (CompiledRule rule : set.rules()) {
                RequestActivation act = new RequestActivation(REQUEST, CONTEXT);
                if (rule.fast() != null) {
                    rule.fast().evaluate(act);
                }
                try {
                    rule.condition().eval(act);
                } catch (Exception | LinkageError ignored) {
                    // a condition that errors on the synthetic request has still been linked
                }
            }
        }
    }
}
