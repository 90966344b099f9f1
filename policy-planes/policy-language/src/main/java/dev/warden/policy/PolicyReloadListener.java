package dev.warden.policy;

import java.util.List;

/**
 * Told about every load attempt, accepted or rejected. Called on the loading thread after the swap; must not block
 * for long and must not throw (exceptions are swallowed so a listener can never undo a reload).
 */
@FunctionalInterface
public interface PolicyReloadListener {

    /**
     * One load attempt.
     *
     * @param sources ids of the sources in the attempt
     * @param accepted whether the new version is now active
     * @param problems why it was rejected (empty when accepted)
     * @param active the policy sets active after the attempt
     * @param removals what an accepted attempt unloaded on purpose ({@code "set name@version"},
     *     {@code "rule set/id"}), from removal documents and {@code removedRules}; empty otherwise
     */
    record Event(List<String> sources, boolean accepted, List<PolicyProblem> problems, List<PolicySet> active,
            List<String> removals) {
        public Event {
            removals = List.copyOf(removals);
        }

        public Event(List<String> sources, boolean accepted, List<PolicyProblem> problems, List<PolicySet> active) {
            this(sources, accepted, problems, active, List.of());
        }
    }

    void onReload(Event event);
}
