package dev.warden.core.agent;

import dev.warden.core.Principal;
import java.util.Objects;

/**
 * A human's answer to a {@link PendingApproval}.
 *
 * @param approve true to run the call, false to refuse it
 * @param approver the authenticated approver; must not be the requester and must hold one of the approver roles
 * @param comment free text kept in the audit trail
 * @param continueRun when refusing: {@code false} ends the run; {@code true} refuses only this call and the run goes
 *     on (the model is told the call was refused; every later call is decided afresh)
 */
public record ApprovalResolution(boolean approve, Principal approver, String comment, boolean continueRun) {
    public ApprovalResolution {
        Objects.requireNonNull(approver, "approver");
    }

    /** An answer that, when it refuses, ends the run. */
    public ApprovalResolution(boolean approve, Principal approver, String comment) {
        this(approve, approver, comment, false);
    }

    public static ApprovalResolution approve(Principal approver, String comment) {
        return new ApprovalResolution(true, approver, comment);
    }

    public static ApprovalResolution deny(Principal approver, String comment) {
        return new ApprovalResolution(false, approver, comment);
    }

    /** Refuses this call only: the run goes on without it. */
    public static ApprovalResolution denyAndContinue(Principal approver, String comment) {
        return new ApprovalResolution(false, approver, comment, true);
    }
}
