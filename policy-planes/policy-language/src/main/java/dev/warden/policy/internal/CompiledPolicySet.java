package dev.warden.policy.internal;

import dev.warden.policy.PolicySet;
import java.util.List;
import java.util.Set;

/**
 * A validated, compiled policy set; immutable and shared by all evaluations. A {@code removed} set is a removal
 * document: it is never evaluated, it only tells a reload that unloading the set is intended.
 */
public record CompiledPolicySet(PolicySet set, List<CompiledRule> rules, boolean removed, Set<String> removedRules) {
    public CompiledPolicySet {
        rules = List.copyOf(rules);
        removedRules = Set.copyOf(removedRules);
    }

    public CompiledPolicySet(PolicySet set, List<CompiledRule> rules) {
        this(set, rules, false, Set.of());
    }

    public String name() {
        return set.name();
    }
}
