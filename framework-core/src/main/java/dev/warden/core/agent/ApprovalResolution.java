package dev.warden.core.agent;

import dev.warden.core.Principal;
import java.util.Objects;

/**
 * A human's answer to a {@link PendingApproval}.
 *
 * @param approve true to run the call, false to refuse it (which ends the run)
 * @param approver the authenticated approver; must not be the requester and must hold one of the approver roles
 * @param comment free text kept in the audit trail
 */
public record ApprovalResolution(boolean approve, Principal approver, String comment) {
    public ApprovalResolution {
        Objects.requireNonNull(approver, "approver");
    }

    public static ApprovalResolution approve(Principal approver, String comment) {
        return new ApprovalResolution(true, approver, comment);
    }

    public static ApprovalResolution deny(Principal approver, String comment) {
        return new ApprovalResolution(false, approver, comment);
    }
}
