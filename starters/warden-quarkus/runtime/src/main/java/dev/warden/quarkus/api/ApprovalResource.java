package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.quarkus.ApprovalDecider;
import dev.warden.quarkus.api.Dtos.ApprovalDecision;
import dev.warden.quarkus.api.Dtos.ApprovalView;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.RunRepository;
import dev.warden.spi.SuspendedRunStore;
import io.quarkus.arc.All;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/**
 * Human approvals: {@code GET /v1/approvals?status=PENDING} lists what the caller may decide in their tenant;
 * {@code POST /v1/approvals/{id}/decision} resumes (or denies) the suspended run exactly once — or, for an approval
 * an {@link ApprovalDecider} bean owns (an MCP gateway call, say), lets that bean decide. Separation of duties,
 * approver roles and tenant are enforced by the core (or the decider), not here.
 */
@Singleton
@Authenticated
@Path("/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {
    @Inject
    SuspendedRunStore store;
    @Inject
    AgentRegistry registry;
    @Inject
    RunRepository runs;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;
    @Inject
    Clock clock;
    @Inject
    dev.warden.quarkus.runtime.RunEventLogs logs;
    @Inject
    @All
    List<ApprovalDecider> deciders;

    @GET
    @Blocking
    public List<ApprovalView> pending(@QueryParam("status") @DefaultValue("PENDING") String status) {
        Principal caller = callers.principal(identity);
        if (!"PENDING".equalsIgnoreCase(status)) {
            throw new ApiProblem(400, ApiCodes.BAD_PARAMETER, "status must be PENDING; decided approvals are in "
                    + "the audit trail (GET /v1/audit)");
        }
        return store.pending(caller.tenant()).stream()
                .filter(p -> !p.isConfirmation() && mayDecide(p, caller))
                .filter(p -> deciders.stream().allMatch(d -> d.lists(p)))
                .map(p -> store.find(p.approvalId()).map(this::view).orElseGet(() -> ApprovalView.of(p)))
                .toList();
    }

    /**
     * One pending approval with what the approver needs to decide: the user's request, the run's trace up to the call,
     * each argument's value (secrets redacted), labels and origin. Visible to whoever may decide it; 404 otherwise.
     */
    @GET
    @Path("{approvalId}")
    @Blocking
    public ApprovalView get(@PathParam("approvalId") String approvalId) {
        Principal caller = callers.principal(identity);
        return store.find(approvalId)
                .filter(r -> !r.approval().isConfirmation() && r.approval().tenant().equals(caller.tenant())
                        && mayDecide(r.approval(), caller))
                .map(this::view)
                .orElseThrow(() -> new ApprovalException(ApprovalException.UNKNOWN, "no pending approval "
                        + approvalId + " you may decide"));
    }

    private ApprovalView view(dev.warden.core.agent.SuspendedRun run) {
        PendingApproval p = run.approval();
        return ApprovalView.of(p, dev.warden.core.agent.EscalationView.of(run, registry.find(p.agentId())
                .map(a -> a.agent().toolRegistry()).orElse(null)));
    }

    /** Whether {@code caller} may decide a pending approval of run {@code runId} (and so may read that run). */
    public boolean approverOf(String runId, Principal caller) {
        return store.pending(caller.tenant()).stream()
                .anyMatch(p -> !p.isConfirmation() && p.runId().equals(runId) && mayDecide(p, caller));
    }

    @POST
    @Path("{approvalId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(StrictBodies.class)
    public Object decide(@PathParam("approvalId") String approvalId, ApprovalDecision body) {
        Principal caller = callers.principal(identity);
        if (body == null || body.approve() == null) {
            throw new ApiProblem(400, ApiCodes.MALFORMED_BODY,
                    "body must be {\"approve\": true|false, \"comment\": \"...\"}");
        }
        for (ApprovalDecider decider : deciders) {
            if (decider.owns(approvalId)) {
                return decider.decide(approvalId, caller, body.approve(), body.comment());
            }
        }
        return resume(approvalId, caller, body);
    }

    private RunView resume(String approvalId, Principal caller, ApprovalDecision body) {
        PendingApproval pending = store.find(approvalId)
                .filter(r -> r.approval().tenant().equals(caller.tenant()))
                .map(r -> r.approval())
                // another tenant gets "unknown" whether the approval is pending or resolved: no existence oracle
                .orElseThrow(() -> store.isResolved(approvalId, caller.tenant())
                        ? new ApprovalException(ApprovalException.ALREADY_RESOLVED, "approval " + approvalId
                                + " was already resolved")
                        : new ApprovalException(ApprovalException.UNKNOWN, "no pending approval " + approvalId));
        AgentRegistry.RegisteredAgent agent = registry.find(pending.agentId()).orElseThrow(() -> new ApiProblem(404,
                ApiCodes.UNKNOWN_AGENT, "the approval's agent '" + pending.agentId() + "' is not deployed here"));
        ApprovalResolution resolution = body.approve()
                ? ApprovalResolution.approve(caller, body.comment())
                : ApprovalResolution.deny(caller, body.comment());
        RunResult result = agent.agent().resumeBlocking(approvalId, resolution);
        RunView view = RunView.of(agent.id(), pending.requesterId(), result, clock.instant());
        runs.put(caller.tenant(), view);
        StreamedRuns.resumed(logs, approvalId, body.approve(), caller.id(), result);
        return view;
    }

    private static boolean mayDecide(PendingApproval p, Principal caller) {
        return !p.requesterId().equals(caller.id())
                && (p.approverRoles().isEmpty() || p.approverRoles().stream().anyMatch(caller::hasRole));
    }
}
