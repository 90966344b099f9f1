package dev.warden.core.agent;

import dev.warden.spi.ApprovalObserver;
import java.util.List;

/** Reports approval events to the agent's observers; an observer's failure is logged and never reaches the run. */
final class ApprovalEvents {
    private static final System.Logger LOG = System.getLogger(ApprovalEvents.class.getName());
    private final List<ApprovalObserver> observers;

    ApprovalEvents(List<ApprovalObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    void requested(PendingApproval approval) {
        for (ApprovalObserver o : observers) {
            try {
                o.requested(approval);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "approval observer " + o.getClass().getName() + " failed on request "
                        + approval.approvalId(), e);
            }
        }
    }

    void resolved(PendingApproval approval, ApprovalOutcome outcome) {
        for (ApprovalObserver o : observers) {
            try {
                o.resolved(approval, outcome);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "approval observer " + o.getClass().getName() + " failed on resolution of "
                        + approval.approvalId(), e);
            }
        }
    }
}
