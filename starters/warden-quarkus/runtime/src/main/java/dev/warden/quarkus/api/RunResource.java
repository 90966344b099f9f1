package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.runtime.RunRepository;
import dev.warden.quarkus.runtime.RunEventLog;
import dev.warden.quarkus.runtime.RunEventLogs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
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
    @Inject
    RunEventLogs logs;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    @GET
    @Path("{runId}")
    @io.smallrye.common.annotation.Blocking
    public RunView get(@PathParam("runId") String runId) {
        Principal caller = callers.principal(identity);
        return runs.find(runId)
                .filter(e -> mayRead(runId, e.tenant(), e.view().userId(), caller))
                .map(RunRepository.Entry::view)
                // Same answer for "absent" and "not yours": run ids must not be probeable across users.
                .orElseThrow(() -> new ApiProblem(404, ApiCodes.UNKNOWN_RUN, "no run '" + runId + "' visible to you"));
    }

    /**
     * {@code GET /v1/runs/{runId}/events}: the run's events as Server-Sent Events (decision 0035), for the same callers
     * as the run itself. Replays the buffered events after {@code Last-Event-ID} (all when absent), then follows the
     * run live until its next end (completed, refused, approval-needed). A resume from before the oldest buffered event
     * starts with a {@code gap} event ({@code WARDEN-STR-0663}).
     */
    @GET
    @Path("{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @io.smallrye.common.annotation.Blocking
    public Multi<OutboundSseEvent> events(@PathParam("runId") String runId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Principal caller = callers.principal(identity);
        RunEventLog log = logs.find(runId)
                .filter(l -> mayRead(runId, l.tenant(), l.userId(), caller))
                .orElseThrow(() -> new ApiProblem(404, ApiCodes.UNKNOWN_RUN, "no run '" + runId + "' visible to you"));
        long after;
        try {
            after = lastEventId == null || lastEventId.isBlank() ? 0 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, ApiCodes.MALFORMED_BODY, "Last-Event-ID must be an event id this API sent");
        }
        return log.read(Math.max(0, after)).map(e -> RunEventStream.toSse(sse, json, clock, log, e));
    }

    /** The requester, an auditor of the same tenant, or an approver asked to decide one of the run's approvals. */
    private boolean mayRead(String runId, String tenant, String requester, Principal caller) {
        return tenant.equals(caller.tenant()) && (requester.equals(caller.id()) || caller.hasRole(AUDITOR_ROLE)
                || approvals.approverOf(runId, caller));
    }
}
