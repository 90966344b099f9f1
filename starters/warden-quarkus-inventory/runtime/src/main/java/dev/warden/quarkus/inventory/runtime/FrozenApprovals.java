package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Principal;
import dev.warden.core.agent.PendingApproval;
import dev.warden.quarkus.ApprovalDecider;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.SuspensionTarget;
import dev.warden.spi.SuspendedRunStore;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Pending approvals and confirmations of a suspended agent (or of a call of a suspended tool or MCP server) are
 * frozen: deciding one is refused with 409 {@code WARDEN-INV-0605} until the target is resumed, so a kill switch
 * cannot be walked around by approving what was already queued. They stay pending (visible, and still expiring on
 * their own timer, which denies them). Consulted before every other decider (highest priority).
 */
@Singleton
@Priority(Integer.MAX_VALUE)
public class FrozenApprovals implements ApprovalDecider {
    private final SuspendedRunStore store;
    private final KillSwitchState state;

    FrozenApprovals(SuspendedRunStore store, KillSwitchState state) {
        this.store = store;
        this.state = state;
    }

    @Override
    public boolean owns(String approvalId) {
        if (state.stale()) {
            // the shared suspensions could not be refreshed: a target suspended elsewhere is unknown here, so no
            // queued call of this store may be released until they are (fail closed, WARDEN-INV-0603)
            return store.find(approvalId).isPresent();
        }
        KillSwitchState.Snapshot s = state.current();
        if (s.agents().isEmpty() && s.tools().isEmpty() && s.mcpServers().isEmpty()) {
            return false; // nothing suspended: no store lookup on the common path
        }
        return frozenBy(approvalId).isPresent();
    }

    /** What freezes this approval, if anything. */
    Optional<String> frozenBy(String approvalId) {
        KillSwitchState.Snapshot s = state.current();
        return store.find(approvalId).map(r -> r.approval()).flatMap(p -> reason(p, s));
    }

    static Optional<String> reason(PendingApproval p, KillSwitchState.Snapshot s) {
        if (s.suspended(SuspensionTarget.AGENT, p.agentId())) {
            return Optional.of("agent '" + p.agentId() + "'");
        }
        if (p.relay() != null && s.suspended(SuspensionTarget.AGENT, p.relay().calleeAgentId())) {
            // a callee's confirmation relayed through its caller's run runs in the callee (decision 0039)
            return Optional.of("agent '" + p.relay().calleeAgentId() + "'");
        }
        if (p.relay() != null && s.suspended(SuspensionTarget.TOOL, p.relay().callerToolName())) {
            return Optional.of("tool '" + p.relay().callerToolName() + "'");
        }
        if (s.suspended(SuspensionTarget.TOOL, p.toolName())) {
            return Optional.of("tool '" + p.toolName() + "'");
        }
        String server = LocalRegistration.mcpServerOf(p.toolName());
        return s.suspended(SuspensionTarget.MCP_SERVER, server) ? Optional.of("MCP server '" + server + "'")
                : Optional.empty();
    }

    @Override
    public Object decide(String approvalId, Principal approver, boolean approve, String comment) {
        throw frozen(approvalId);
    }

    @Override
    public Object confirm(String confirmationId, Principal requester, boolean confirm, String argumentsDigest) {
        throw frozen(confirmationId);
    }

    private ApiProblem frozen(String id) {
        if (state.stale()) {
            return new ApiProblem(409, InventoryCodes.SUSPENSIONS_STALE, "approval " + id + " is frozen: this "
                    + "replica's suspension state is older than its staleness bound; it can be decided once refreshed");
        }
        String by = frozenBy(id).orElse("its target");
        return new ApiProblem(409, InventoryCodes.APPROVAL_FROZEN, "approval " + id + " is frozen: " + by
                + " is suspended; it can be decided once resumed");
    }
}
