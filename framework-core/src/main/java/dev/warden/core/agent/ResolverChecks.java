package dev.warden.core.agent;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Principal;
import java.util.Objects;

/** Who may resolve a suspended call: separation of duties for approvals, the requester alone for confirmations. */
final class ResolverChecks {
    private ResolverChecks() {}

    /** The requester of a confirmation, quoting the digest of exactly the pending arguments. */
    static void requester(AgentIdentity identity, PendingApproval pa, ConfirmationResolution answer) {
        if (!identity.id().equals(pa.agentId())) {
            throw new ApprovalException(ApprovalException.WRONG_AGENT, "confirmation belongs to agent " + pa.agentId());
        }
        if (!pa.isConfirmation()) {
            throw new ApprovalException(ApprovalException.WRONG_KIND, pa.approvalId()
                    + " waits for an approver, not for the requester's confirmation");
        }
        Principal who = answer.requester();
        if (!who.id().equals(pa.requesterId()) || !Objects.equals(who.tenant(), pa.tenant())) {
            throw new ApprovalException(ApprovalException.NOT_REQUESTER,
                    "only the user who made the request can confirm or decline this call");
        }
        if (answer.confirm()) {
            if (answer.argumentsDigest() == null || answer.argumentsDigest().isBlank()) {
                throw new ApprovalException(ApprovalException.DIGEST_REQUIRED,
                        "quote the argumentsDigest you were shown to confirm exactly that call");
            }
            if (!java.security.MessageDigest.isEqual(answer.argumentsDigest().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), pa.argumentsDigest().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))) {
                throw new ApprovalException(ApprovalException.ARGUMENTS_CHANGED, "the arguments you confirmed are not "
                        + "the pending call's; a changed call needs a new confirmation");
            }
        }
    }

    /** A second person of the requester's tenant with an approver role; never the requester. */
    static void approver(AgentIdentity identity, PendingApproval pa, Principal approver) {
        if (!identity.id().equals(pa.agentId())) {
            throw new ApprovalException(ApprovalException.WRONG_AGENT, "approval belongs to agent " + pa.agentId());
        }
        if (approver.id().equals(pa.requesterId())) {
            throw new ApprovalException(ApprovalException.SELF_APPROVAL,
                    "separation of duties: the requester cannot approve their own request");
        }
        if (!Objects.equals(approver.tenant(), pa.tenant())) {
            throw new ApprovalException(ApprovalException.NOT_AUTHORIZED, "approver belongs to another tenant");
        }
        if (!pa.approverRoles().isEmpty() && pa.approverRoles().stream().noneMatch(approver::hasRole)) {
            throw new ApprovalException(ApprovalException.NOT_AUTHORIZED,
                    "approver needs one of the roles " + pa.approverRoles());
        }
    }
}
