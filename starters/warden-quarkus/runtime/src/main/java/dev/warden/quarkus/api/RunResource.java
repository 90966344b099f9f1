package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.runtime.RunRepository;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/runs/{runId}}: the requester, an auditor of the same tenant, or an approver asked to decide one of the
 * run's pending approvals sees a run (its status and decision trace).
 */
@Singleton
@Authenticated
@Path("/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {
    static final String AUDITOR_ROLE = "auditor";

    @Inject
    RunRepository runs;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;
    @Inject
    ApprovalResource approvals;

    @GET
    @Path("{runId}")
    @io.smallrye.common.annotation.Blocking
    public RunView get(@PathParam("runId") String runId) {
        Principal caller = callers.principal(identity);
        return runs.find(runId)
                .filter(e -> e.tenant().equals(caller.tenant()))
                .filter(e -> e.view().userId().equals(caller.id()) || caller.hasRole(AUDITOR_ROLE)
                        || approvals.approverOf(runId, caller))
                .map(RunRepository.Entry::view)
                // Same answer for "absent" and "not yours": run ids must not be probeable across users.
                .orElseThrow(() -> new ApiProblem(404, ApiCodes.UNKNOWN_RUN, "no run '" + runId + "' visible to you"));
    }
}
