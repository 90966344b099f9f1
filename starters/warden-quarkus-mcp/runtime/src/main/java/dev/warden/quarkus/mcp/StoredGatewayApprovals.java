package dev.warden.quarkus.mcp;

import dev.warden.quarkus.ApprovalDecider;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.Verdict;
import dev.warden.core.WardenCodes;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.SuspendedRun;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.mcp.gateway.GatewayApprovalGate;
import dev.warden.mcp.gateway.GatewayApprovals;
import dev.warden.mcp.gateway.GatewayCallHandler;
import dev.warden.spi.SuspendedRunStore;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Approval-gated MCP calls kept in the service's {@link SuspendedRunStore}, beside the agents' suspended runs, so
 * approvers see and decide them through the starter's {@code /v1/approvals} API. A pending call is a
 * {@link SuspendedRun} whose agent is the gateway identity and whose run id is {@code mcp-gateway:<argument digest>};
 * claiming it from the store is the exactly-once gate of a decision. An approval becomes a <em>grant</em> in the same
 * store (run id {@code mcp-grant:<digest>}, hidden from approvers), which the same requester's next identical call
 * claims once — on any replica that shares the store, and after a restart. As an {@link ApprovalDecider}, it decides
 * its own approvals when they arrive at the starter's {@code POST /v1/approvals/{id}/decision}.
 *
 * <p>Thread-safe.
 */
@Singleton
public class StoredGatewayApprovals implements GatewayApprovalGate, ApprovalDecider {
    /** Run-id prefix that marks a suspended run as an MCP gateway call. */
    static final String RUN_PREFIX = "mcp-gateway:";
    /** Run-id prefix of an approved call waiting for the requester's repeat (a grant). */
    static final String GRANT_PREFIX = "mcp-grant:";

    /** What a decision did, as the approval API answers it. */
    public record DecisionView(String approvalId, String agentId, String requesterId, String tool, String status,
            String detail) {}

    private final SuspendedRunStore store;
    private final Governor governor;
    private final Clock clock;
    private volatile AgentIdentity gateway;
    private volatile ToolRegistry tools = ToolRegistry.builder().build();
    private volatile Labels callerLabels = Labels.untrusted();

    StoredGatewayApprovals(SuspendedRunStore store, Governor governor, Clock clock) {
        this.store = store;
        this.governor = governor;
        this.clock = clock;
    }

    void bind(AgentIdentity identity, ToolRegistry registry, Labels labels) {
        this.tools = registry;
        this.callerLabels = labels;
        this.gateway = identity;
    }

    @Override
    public GatewayApprovals.Pending request(Principal requester, String tool, Map<String, Object> arguments,
            String digest, Set<String> approverRoles, List<String> ruleIds, String reason, Duration ttl) {
        Optional<PendingApproval> waiting = waiting(requester, tool, digest, false);
        if (waiting.isPresent()) {
            return pending(waiting.get(), requester);
        }
        Draft d = draft(requester, tool, arguments, digest);
        PendingApproval pa = new PendingApproval(d.id(), RUN_PREFIX + digest, gateway.id(), requester.tenant(),
                requester.id(), tool, d.call().id(), arguments, reason, approverRoles, ruleIds,
                d.ctx().labels().toString(), clock.instant(), clock.instant().plus(ttl));
        return saved(d, pa, requester);
    }

    /**
     * Records (or finds) a call waiting for the requester's own confirmation, in the same store: the requester answers
     * it through {@code POST /v1/confirmations/{id}} ({@link #confirm}), then repeats the call unchanged.
     */
    @Override
    public GatewayApprovals.Pending requestConfirmation(Principal requester, String tool, Map<String, Object> arguments,
            String digest, List<String> ruleIds, String reason, Duration ttl) {
        Optional<PendingApproval> waiting = waiting(requester, tool, digest, true);
        if (waiting.isPresent()) {
            return pending(waiting.get(), requester);
        }
        Draft d = draft(requester, tool, arguments, digest);
        ToolDescriptor descriptor = tools.descriptor(tool).orElse(ToolDescriptor.named(tool));
        PendingApproval pa = new PendingApproval(d.id(), RUN_PREFIX + digest, gateway.id(), requester.tenant(),
                requester.id(), tool, d.call().id(), arguments, reason, Set.of(), ruleIds, d.ctx().labels().toString(),
                clock.instant(), clock.instant().plus(ttl), PendingApproval.Kind.CONFIRMATION, null, List.of(),
                dev.warden.core.SecretArguments.present(descriptor, arguments));
        return saved(d, pa, requester);
    }

    /** The requester's pending request (an approval, or a confirmation) of this exact call, if one has not expired. */
    private Optional<PendingApproval> waiting(Principal requester, String tool, String digest, boolean confirmation) {
        for (PendingApproval p : store.pending(requester.tenant())) {
            if (owns(p) && p.isConfirmation() == confirmation && p.requesterId().equals(requester.id())
                    && p.toolName().equals(tool) && p.runId().equals(RUN_PREFIX + digest)
                    && !p.expiredAt(clock.instant())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A new pending call's id, context (the gateway acting for the requester) and call. */
    private record Draft(String id, GovernanceContext ctx, ToolExecutionRequest call) {}

    private Draft draft(Principal requester, String tool, Map<String, Object> arguments, String digest) {
        String id = UUID.randomUUID().toString();
        GovernanceContext ctx = GovernanceContext.of(requester, gateway)
                .withTask(new TaskContext(RUN_PREFIX + digest, null, GatewayCallHandler.PURPOSE))
                .withLabelsJoined(callerLabels);
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("mcp-" + id).name(tool)
                .arguments(CanonicalJson.write(arguments)).build();
        return new Draft(id, ctx, call);
    }

    private GatewayApprovals.Pending saved(Draft d, PendingApproval pa, Principal requester) {
        store.save(new SuspendedRun(pa, List.of(), d.call(), List.of(), d.ctx(), 1, 0, "", List.of()));
        return pending(pa, requester);
    }

    /**
     * The requester answers their pending gateway confirmation: only they may (anyone else: {@code NOT_REQUESTER}),
     * quoting the digest they were shown; confirming grants their next identical call once, declining records the
     * refusal. Exactly once, like {@link #decide}.
     */
    @Override
    public DecisionView confirm(String confirmationId, Principal requester, boolean confirm, String argumentsDigest) {
        Objects.requireNonNull(requester, "requester");
        SuspendedRun peek = store.find(confirmationId)
                .filter(r -> owns(r.approval()) && r.approval().isConfirmation()
                        && r.approval().tenant().equals(requester.tenant())
                        && r.approval().requesterId().equals(requester.id()))
                .orElseThrow(() -> new ApprovalException(ApprovalException.UNKNOWN, "no pending confirmation "
                        + confirmationId + " of yours"));
        PendingApproval pa = peek.approval();
        if (confirm && (argumentsDigest == null || !argumentsDigest.equals(pa.argumentsDigest()))) {
            throw new ApprovalException(argumentsDigest == null ? ApprovalException.DIGEST_REQUIRED
                    : ApprovalException.ARGUMENTS_CHANGED, "quote the argumentsDigest of the pending call; a changed"
                    + " call needs a new confirmation");
        }
        SuspendedRun run = store.claim(confirmationId).orElseThrow(() -> new ApprovalException(
                ApprovalException.ALREADY_RESOLVED, "confirmation " + confirmationId + " was already answered"));
        if (pa.expiredAt(clock.instant())) {
            refuse(run, Verdict.CONFIRMATION_PLANE, "confirmation expired at " + pa.expiresAt(),
                    WardenCodes.CONFIRMATION_EXPIRED);
            return view(pa, "EXPIRED", "the confirmation had expired; the caller must ask again");
        }
        if (!confirm) {
            refuse(run, Verdict.CONFIRMATION_PLANE, "declined by " + requester.id(), WardenCodes.CONFIRMATION_DECLINED);
            return view(pa, "DECLINED", "declined by " + requester.id());
        }
        grant(pa, run, "confirmed by " + requester.id(), requester.id());
        return view(pa, "CONFIRMED", "confirmed by " + requester.id() + "; your next identical call runs once, until "
                + pa.expiresAt());
    }

    /**
     * Takes the requester's grant for this exact call, if an approver granted one that has not expired. Grants live in
     * the shared store, so the repeat may reach any replica, also after a restart; the store's {@code claim} makes
     * sure only one of concurrent repeats runs.
     */
    @Override
    public Optional<GatewayApprovals.Grant> consume(Principal requester, String tool, String digest) {
        for (PendingApproval p : store.pending(requester.tenant())) {
            if (!isGrant(p) || !p.requesterId().equals(requester.id()) || !p.toolName().equals(tool)
                    || !p.runId().equals(GRANT_PREFIX + digest)) {
                continue;
            }
            Optional<SuspendedRun> claimed = store.claim(p.approvalId());
            if (claimed.isPresent() && !p.expiredAt(clock.instant())) {
                return Optional.of(new GatewayApprovals.Grant(pending(p, requester), claimed.get().userInput()));
            }
        }
        return Optional.empty();
    }

    /** Grants are bookkeeping, not requests: approvers do not see them in {@code GET /v1/approvals}. */
    @Override
    public boolean lists(PendingApproval approval) {
        return !isGrant(approval);
    }

    /** Whether the approval is a pending MCP gateway call (as opposed to an agent's suspended run). */
    @Override
    public boolean owns(String approvalId) {
        return store.find(approvalId).map(r -> owns(r.approval()) || isGrant(r.approval())).orElse(false);
    }

    /**
     * Decides a pending gateway call: the approver must not be the requester, must be in the requester's tenant and
     * hold one of the approver roles (another tenant's approval is "unknown"). Of concurrent decisions exactly one
     * wins; the others get {@link ApprovalException#ALREADY_RESOLVED}. A denial (or a decision after expiry) is recorded as a human
     * decision at {@code TOOL_CALL}; an approval is recorded when the requester's repeated call runs.
     */
    @Override
    public DecisionView decide(String approvalId, Principal approver, boolean approve, String comment) {
        Objects.requireNonNull(approver, "approver");
        SuspendedRun peek = store.find(approvalId)
                .filter(r -> owns(r.approval()) && r.approval().tenant().equals(approver.tenant()))
                .orElseThrow(() -> store.isResolved(approvalId, approver.tenant())
                        ? new ApprovalException(ApprovalException.ALREADY_RESOLVED, "approval " + approvalId
                                + " was already resolved")
                        : new ApprovalException(ApprovalException.UNKNOWN, "no pending approval " + approvalId));
        PendingApproval pa = peek.approval();
        if (pa.isConfirmation()) {
            throw new ApprovalException(ApprovalException.WRONG_KIND, approvalId
                    + " waits for the requester's own confirmation, not for an approver");
        }
        if (approver.id().equals(pa.requesterId())) {
            throw new ApprovalException(ApprovalException.SELF_APPROVAL,
                    "separation of duties: the requester cannot approve their own call");
        }
        if (!pa.approverRoles().isEmpty() && pa.approverRoles().stream().noneMatch(approver::hasRole)) {
            throw new ApprovalException(ApprovalException.NOT_AUTHORIZED,
                    "approver needs one of the roles " + pa.approverRoles());
        }
        SuspendedRun run = store.claim(approvalId).orElseThrow(() -> new ApprovalException(
                ApprovalException.ALREADY_RESOLVED, "approval " + approvalId + " was already resolved"));
        String who = approver.id() + (comment == null || comment.isBlank() ? "" : " (" + comment + ")");
        if (pa.expiredAt(clock.instant())) {
            refuse(run, Verdict.APPROVAL_PLANE, "approval expired at " + pa.expiresAt(), WardenCodes.APPROVAL_EXPIRED);
            return view(pa, "EXPIRED", "the approval had expired; the caller must ask again");
        }
        if (!approve) {
            refuse(run, Verdict.APPROVAL_PLANE, "denied by " + who, WardenCodes.APPROVAL_DENIED);
            return view(pa, "DENIED", "denied by " + who);
        }
        grant(pa, run, "approved by " + who, approver.id());
        return view(pa, "APPROVED", "approved by " + who + "; the requester's next identical call runs once, until "
                + pa.expiresAt());
    }

    /** Saves the grant of one identical repeat of {@code pa}'s call, until {@code pa} expires. */
    private void grant(PendingApproval pa, SuspendedRun run, String reason, String grantedBy) {
        PendingApproval grant = new PendingApproval(UUID.randomUUID().toString(), GRANT_PREFIX + digestOf(pa),
                pa.agentId(), pa.tenant(), pa.requesterId(), pa.toolName(), pa.toolCallId(), pa.arguments(), reason,
                Set.of(), pa.ruleIds(), pa.contextLabels(), clock.instant(), pa.expiresAt());
        // who granted it rides in the run's user-input slot: a grant has no conversation of its own
        store.save(new SuspendedRun(grant, List.of(), run.pendingCall(), List.of(), run.context(), 1, 0, grantedBy,
                List.of()));
    }

    /** Ends overdue pending gateway calls as recorded denials; returns how many. */
    int expireOverdue() {
        int n = 0;
        for (PendingApproval p : store.pending(null)) {
            if (isGrant(p) && p.expiredAt(clock.instant())) {
                store.claim(p.approvalId()); // an approved call never repeated: nothing ran, nothing to record
                continue;
            }
            if (owns(p) && p.expiredAt(clock.instant())) {
                Optional<SuspendedRun> run = store.claim(p.approvalId());
                if (run.isPresent()) {
                    refuse(run.get(), p.isConfirmation() ? Verdict.CONFIRMATION_PLANE : Verdict.APPROVAL_PLANE,
                            (p.isConfirmation() ? "confirmation" : "approval") + " expired at " + p.expiresAt(),
                            p.isConfirmation() ? WardenCodes.CONFIRMATION_EXPIRED : WardenCodes.APPROVAL_EXPIRED);
                    n++;
                }
            }
        }
        return n;
    }

    private void refuse(SuspendedRun run, String plane, String reason, String code) {
        PendingApproval pa = run.approval();
        ToolDescriptor d = tools.descriptor(pa.toolName()).orElse(ToolDescriptor.named(pa.toolName()));
        CheckpointRequest req = CheckpointRequest.toolCall(1, d, pa.toolCallId(), pa.arguments());
        governor.record(req, run.context(), Verdict.humanDecision(plane, req, false, reason, code, pa.ruleIds()),
                Context.current());
    }

    private boolean owns(PendingApproval p) {
        AgentIdentity g = gateway;
        return g != null && g.id().equals(p.agentId()) && p.runId() != null && p.runId().startsWith(RUN_PREFIX);
    }

    private boolean isGrant(PendingApproval p) {
        AgentIdentity g = gateway;
        return g != null && g.id().equals(p.agentId()) && p.runId() != null && p.runId().startsWith(GRANT_PREFIX);
    }

    private static String digestOf(PendingApproval p) {
        return p.runId().substring(RUN_PREFIX.length());
    }

    private static GatewayApprovals.Pending pending(PendingApproval p, Principal requester) {
        return new GatewayApprovals.Pending(p.approvalId(), requester, p.toolName(), p.arguments(), digestOf(p),
                p.approverRoles(), p.ruleIds(), p.reason(), p.expiresAt());
    }

    private static DecisionView view(PendingApproval p, String status, String detail) {
        return new DecisionView(p.approvalId(), p.agentId(), p.requesterId(), p.toolName(), status, detail);
    }
}
