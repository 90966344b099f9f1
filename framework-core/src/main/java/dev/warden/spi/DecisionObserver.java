package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Verdict;
import dev.warden.core.audit.DecisionRecord;

/**
 * Consumes decision events (metrics, dashboards, SIEM forwarding). Observers only observe: their exceptions are
 * logged and swallowed, and they can never change an outcome.
 */
@FunctionalInterface
public interface DecisionObserver {
    /**
     * @param record the audit record as written (null when no audit sink is configured)
     */
    void onDecision(CheckpointRequest request, GovernanceContext context, Verdict verdict, DecisionRecord record);
}
