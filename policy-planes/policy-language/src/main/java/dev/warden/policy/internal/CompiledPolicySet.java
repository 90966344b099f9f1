package dev.warden.policy.internal;

import dev.warden.policy.PolicySet;
import java.util.List;

/** A validated, compiled policy set; immutable and shared by all evaluations. */
public record CompiledPolicySet(PolicySet set, List<CompiledRule> rules) {
    public CompiledPolicySet {
        rules = List.copyOf(rules);
    }

    public String name() {
        return set.name();
    }
}
