package dev.warden.spi;

import dev.warden.core.FlowLabels;
import dev.warden.core.GovernanceContext;

/**
 * Implemented by a {@link PolicyPlane} that can tell the labels of what a run actually sends, finer than the run's
 * context label (the data-flow plane with value-scoped fields). The runtime asks it through {@link FlowLabels#of}
 * for the labels a delegated task carries into its callee and a callee's answer carries back to its caller.
 *
 * <p>Contract: the answer is never lower than what flows — when the plane cannot explain the content it answers
 * {@link FlowLabels#whole whole(context.labels())}; {@code null} or a throw counts as that too (fail closed).
 * Pure CPU, non-blocking, thread-safe.
 */
public interface FlowLabeller {
    /**
     * The labels of {@code content} as it would leave the run of {@code context}.
     *
     * @param userInput what the user typed for this run, or {@code null} (values the user typed explain themselves)
     */
    FlowLabels flowOf(GovernanceContext context, String content, String userInput);
}
