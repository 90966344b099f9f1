package dev.warden.mcp.gateway;

import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Approvals for MCP gateway calls. MCP has no "suspend this call" primitive, so a gated call is refused with a
 * pending-approval id; once a human approves it, the <em>same caller</em> repeating the <em>same call</em> (tool and
 * canonical arguments) within the approval's lifetime runs exactly once. Separation of duties as for agents: the
 * requester can never approve, the approver must be in the requester's tenant and hold an approver role.
 *
 * <p>In memory; thread-safe; a grant is consumed atomically, so concurrent repeats run the tool once.
 */
public final class GatewayApprovals implements GatewayApprovalGate {
    /** A gated call waiting for a human. */
    public record Pending(String approvalId, Principal requester, String toolName, Map<String, Object> arguments,
            String argumentsDigest, Set<String> approverRoles, List<String> ruleIds, String reason,
            Instant expiresAt) {}

    /** An approved call, waiting for the requester to repeat it. */
    public record Grant(Pending pending, String approverId) {}

    private final Clock clock;
    private final Supplier<String> ids;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Set<String> confirmations = ConcurrentHashMap.newKeySet();

    GatewayApprovals(Clock clock, Supplier<String> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    /** Pending approvals of a tenant (all tenants if {@code null}). */
    public List<Pending> pending(String tenant) {
        List<Pending> out = new ArrayList<>();
        pending.values().stream().filter(p -> tenant == null || tenant.equals(p.requester().tenant()))
                .forEach(out::add);
        return out;
    }

    /** Approves a pending call; the requester's next identical call runs once. */
    public void approve(String approvalId, Principal approver) {
        Pending p = claim(approvalId, approver);
        grants.put(key(p.requester(), p.toolName(), p.argumentsDigest()), new Grant(p, approver.id()));
    }

    /**
     * The requester confirms their own pending call; their next identical call runs once. Nobody else can, and an
     * approval cannot be confirmed.
     */
    public void confirm(String confirmationId, Principal requester) {
        Objects.requireNonNull(requester, "requester");
        Pending p = pending.get(confirmationId);
        if (p == null || !confirmations.contains(confirmationId)) {
            throw new ApprovalException(ApprovalException.UNKNOWN, "no pending MCP confirmation with id "
                    + confirmationId);
        }
        if (!requester.id().equals(p.requester().id()) || !Objects.equals(requester.tenant(), p.requester().tenant())) {
            throw new ApprovalException(ApprovalException.NOT_REQUESTER,
                    "only the caller who made the request can confirm it");
        }
        if (pending.remove(confirmationId) == null) {
            throw new ApprovalException(ApprovalException.ALREADY_RESOLVED, "confirmation " + confirmationId
                    + " was resolved");
        }
        confirmations.remove(confirmationId);
        grants.put(key(p.requester(), p.toolName(), p.argumentsDigest()), new Grant(p, requester.id()));
    }

    @Override
    public Pending requestConfirmation(Principal requester, String tool, Map<String, Object> args, String digest,
            List<String> ruleIds, String reason, java.time.Duration ttl) {
        String k = key(requester, tool, digest);
        for (Pending p : pending.values()) {
            if (confirmations.contains(p.approvalId()) && k.equals(key(p.requester(), p.toolName(),
                    p.argumentsDigest())) && clock.instant().isBefore(p.expiresAt())) {
                return p;
            }
        }
        Pending p = new Pending(ids.get(), requester, tool, args, digest, Set.of(), ruleIds, reason,
                clock.instant().plus(ttl));
        confirmations.add(p.approvalId());
        pending.put(p.approvalId(), p);
        return p;
    }

    /** Refuses a pending call; repeating it asks again. */
    public void deny(String approvalId, Principal approver) {
        claim(approvalId, approver);
    }

    @Override
    public Pending request(Principal requester, String tool, Map<String, Object> args, String digest,
            Set<String> roles, List<String> ruleIds, String reason, java.time.Duration ttl) {
        String k = key(requester, tool, digest);
        for (Pending p : pending.values()) {
            if (!confirmations.contains(p.approvalId()) && k.equals(key(p.requester(), p.toolName(),
                    p.argumentsDigest())) && clock.instant().isBefore(p.expiresAt())) {
                return p;
            }
        }
        Pending p = new Pending(ids.get(), requester, tool, args, digest, roles, ruleIds, reason,
                clock.instant().plus(ttl));
        pending.put(p.approvalId(), p);
        return p;
    }

    @Override
    public Optional<Grant> consume(Principal requester, String tool, String digest) {
        Grant g = grants.remove(key(requester, tool, digest));
        return g == null || !clock.instant().isBefore(g.pending().expiresAt()) ? Optional.empty() : Optional.of(g);
    }

    private Pending claim(String approvalId, Principal approver) {
        Objects.requireNonNull(approver, "approver");
        Pending p = pending.get(approvalId);
        if (p == null) {
            throw new ApprovalException(ApprovalException.UNKNOWN, "no pending MCP approval with id " + approvalId);
        }
        if (confirmations.contains(approvalId)) {
            throw new ApprovalException(ApprovalException.WRONG_KIND, approvalId
                    + " waits for the requester's own confirmation, not for an approver");
        }
        if (approver.id().equals(p.requester().id())) {
            throw new ApprovalException(ApprovalException.SELF_APPROVAL,
                    "separation of duties: the requester cannot approve their own call");
        }
        if (!Objects.equals(approver.tenant(), p.requester().tenant())
                || (!p.approverRoles().isEmpty() && p.approverRoles().stream().noneMatch(approver::hasRole))) {
            throw new ApprovalException(ApprovalException.NOT_AUTHORIZED,
                    "approver needs one of the roles " + p.approverRoles() + " in tenant " + p.requester().tenant());
        }
        if (pending.remove(approvalId) == null) {
            throw new ApprovalException(ApprovalException.ALREADY_RESOLVED, "approval " + approvalId + " was resolved");
        }
        return p;
    }

    private static String key(Principal requester, String tool, String digest) {
        return requester.tenant() + "\u0000" + requester.id() + "\u0000" + tool + "\u0000" + digest;
    }
}
