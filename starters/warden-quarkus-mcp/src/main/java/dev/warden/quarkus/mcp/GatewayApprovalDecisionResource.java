package dev.warden.quarkus.mcp;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiCodes;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.ApprovalResource;
import dev.warden.quarkus.api.Callers;
import dev.warden.quarkus.api.Dtos.ApprovalDecision;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Decisions on approvals of both kinds: a pending MCP gateway call is decided here
 * ({@link StoredGatewayApprovals#decide}), every other id goes to the starter's {@link ApprovalResource} unchanged
 * (which resumes the agent's suspended run). Approvers keep using {@code POST /v1/approvals/{id}/decision}:
 * {@link ApprovalDecisionRouting} sends those requests here before matching. {@code GET /v1/approvals} lists gateway calls already,
 * because they live in the same store.
 */
@Singleton
@Path(GatewayApprovalDecisionResource.PATH + "/{approvalId}/decision")
public class GatewayApprovalDecisionResource {
    static final String PATH = "/v1/mcp-gateway/approvals";

    @Inject
    StoredGatewayApprovals gatewayApprovals;
    @Inject
    ApprovalResource agentApprovals;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Object decide(@PathParam("approvalId") String approvalId, ApprovalDecision body) {
        Principal caller = callers.principal(identity);
        if (!gatewayApprovals.owns(approvalId)) {
            return agentApprovals.decide(approvalId, body);
        }
        if (body == null || body.approve() == null) {
            throw new ApiProblem(400, ApiCodes.MALFORMED_BODY,
                    "body must be {\"approve\": true|false, \"comment\": \"...\"}");
        }
        return gatewayApprovals.decide(approvalId, caller, body.approve(), body.comment());
    }
}
