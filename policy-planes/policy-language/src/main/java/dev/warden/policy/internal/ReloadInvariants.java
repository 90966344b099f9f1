package dev.warden.policy.internal;

import dev.warden.policy.PolicyProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reload may not do without saying so: unload a set, or drop rules from one. A set disappears only through a
 * removal document ({@code removed: true}) in the source that held it, and never while an agent names it; a set
 * may shrink (fewer rules than before) only when every rule id it lost is listed under {@code removedRules}. Editing
 * or renaming rules without shrinking the set needs no declaration. Anything else is a problem, so the previous
 * version keeps serving (an empty, truncated or deleted file must not silently disarm the policies).
 */
public final class ReloadInvariants {
    /** What the check found: problems (reject) or, when none, the removals that were asked for (to audit). */
    public record Result(List<PolicyProblem> problems, List<String> removals) {}

    private ReloadInvariants() {}

    /**
     * @param before the active sets per source
     * @param after the candidate sets per source, removal documents included
     * @param changed the sources of this attempt (replaced or removed)
     * @param required set name → agents that name it
     */
    public static Result check(Map<String, List<CompiledPolicySet>> before, Map<String, List<CompiledPolicySet>> after,
            Collection<String> changed, Map<String, Set<String>> required) {
        List<PolicyProblem> problems = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        for (String source : changed) {
            List<CompiledPolicySet> candidate = after.getOrDefault(source, List.of());
            for (CompiledPolicySet old : before.getOrDefault(source, List.of())) {
                Optional<CompiledPolicySet> next = active(after, old.name());
                if (next.isPresent()) {
                    droppedRules(source, old, next.get(), problems, removals);
                    continue;
                }
                Set<String> agents = required.getOrDefault(old.name(), Set.of());
                boolean tombstone = candidate.stream().anyMatch(s -> s.removed() && s.name().equals(old.name()));
                if (!agents.isEmpty()) {
                    problems.add(new PolicyProblem(source, 0, null, "policy set '" + old.name() + "' ("
                            + old.rules().size() + " rules) is named by agent(s) " + new TreeSet<>(agents)
                            + " and cannot be unloaded while they run" + (tombstone ? ""
                                    : "; the new version does not define it (empty, truncated or deleted file?)")));
                } else if (!tombstone) {
                    problems.add(new PolicyProblem(source, 0, null, "the new version would unload policy set '"
                            + old.name() + "' (" + old.rules().size() + " rules) without a removal document "
                            + "(empty, truncated or deleted file?); to unload it on purpose, replace it with "
                            + "'metadata: {name: " + old.name() + ", version: ...}' and 'removed: true'"));
                } else {
                    removals.add("set " + old.name() + "@" + old.set().version());
                }
            }
        }
        return new Result(List.copyOf(problems), List.copyOf(removals));
    }

    private static void droppedRules(String source, CompiledPolicySet old, CompiledPolicySet next,
            List<PolicyProblem> problems, List<String> removals) {
        Set<String> kept = new TreeSet<>();
        next.set().rules().forEach(r -> kept.add(r.id()));
        Set<String> dropped = new TreeSet<>();
        old.set().rules().forEach(r -> {
            if (!kept.contains(r.id())) {
                dropped.add(r.id());
            }
        });
        if (next.rules().size() >= old.rules().size()) {
            return; // edited or renamed, not shrunk
        }
        Set<String> undeclared = new TreeSet<>(dropped);
        undeclared.removeAll(next.removedRules());
        if (!undeclared.isEmpty()) {
            problems.add(new PolicyProblem(source, 0, null, "the new version of policy set '" + old.name()
                    + "' has " + next.rules().size() + " rules instead of " + old.rules().size() + " and drops rule(s) "
                    + undeclared + " without listing them under 'removedRules' "
                    + "(truncated file?); list them there to remove them on purpose"));
            return;
        }
        dropped.forEach(id -> removals.add("rule " + old.name() + "/" + id));
    }

    private static Optional<CompiledPolicySet> active(Map<String, List<CompiledPolicySet>> sets, String name) {
        return sets.values().stream().flatMap(List::stream).filter(s -> !s.removed() && s.name().equals(name))
                .findFirst();
    }
}
