package dev.warden.mcp.gateway;

import dev.warden.core.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a gateway keeps approval-gated MCP calls and the grants that let them run. {@link GatewayApprovals} keeps both
 * in memory; a host can store pending calls where its approvers already look (the Quarkus gateway puts them beside
 * the agents' approvals, decided through {@code /v1/approvals}).
 *
 * <p>Contract: {@link #request} returns the still-open pending approval for the same requester, tool and argument
 * digest if there is one (a repeated gated call does not pile up approvals); {@link #consume} hands out a grant at most
 * once, atomically, and never after the approval's expiry. Implementations must be thread-safe.
 */
public interface GatewayApprovalGate {

    /** Records (or finds) the pending approval of a gated call. */
    GatewayApprovals.Pending request(Principal requester, String tool, Map<String, Object> arguments,
            String argumentsDigest, Set<String> approverRoles, List<String> ruleIds, String reason, Duration ttl);

    /**
     * Records (or finds) a call waiting for its requester's own confirmation; once the requester confirms, their next
     * identical call runs once through {@link #consume}, as for approvals. {@code null}: this gate cannot hold
     * confirmations, and the gateway refuses the call (fail closed).
     */
    default GatewayApprovals.Pending requestConfirmation(Principal requester, String tool,
            Map<String, Object> arguments, String argumentsDigest, List<String> ruleIds, String reason, Duration ttl) {
        return null;
    }

    /** Takes the grant of an approved call by the same requester with the same tool and argument digest, once. */
    Optional<GatewayApprovals.Grant> consume(Principal requester, String tool, String argumentsDigest);
}
