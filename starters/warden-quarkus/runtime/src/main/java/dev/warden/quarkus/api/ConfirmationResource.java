package dev.warden.quarkus.api;

import io.quarkus.security.Authenticated;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalException;
import dev.warden.core.agent.ConfirmationResolution;
import dev.warden.core.agent.EscalationView;
import dev.warden.core.agent.PendingApproval;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.SuspendedRun;
import dev.warden.quarkus.ApprovalDecider;
import dev.warden.quarkus.api.Dtos.ConfirmationAnswer;
import dev.warden.quarkus.api.Dtos.ConfirmationView;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.RunRepository;
import dev.warden.spi.SuspendedRunStore;
import io.quarkus.arc.All;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/**
 * The requester's confirmations of their own calls: {@code GET /v1/confirmations} lists the caller's pending ones,
 * {@code GET /v1/confirmations/{id}} shows one (the exact call, each argument's value and origin, the digest to quote,
 * the request and the run's trace), and {@code POST /v1/confirmations/{id}} with
 * {@code {"confirm": true, "argumentsDigest": "sha256:…"}} runs exactly that call once and resumes the run, or with
 * {@code {"confirm": false}} declines it and ends the run.
 *
 * <p>Only the requester sees or answers a confirmation: for anyone else it does not exist (404, as for runs, so ids
 * cannot be probed). A digest of other arguments is a 409 and the confirmation stays pending. An id an
 * {@link ApprovalDecider} owns (an MCP gateway call, say) is answered by that decider.
 */
@Singleton
@Authenticated
@Path("/v1/confirmations")
@Produces(MediaType.APPLICATION_JSON)
public class ConfirmationResource {
    @Inject
    SuspendedRunStore store;
    @Inject
    dev.warden.quarkus.runtime.RunEventLogs logs;
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
    @All
    List<ApprovalDecider> deciders;

    @GET
    @Blocking
    public List<ConfirmationView> pending() {
        Principal caller = callers.principal(identity);
        return store.pending(caller.tenant()).stream()
                .filter(p -> p.isConfirmation() && p.requesterId().equals(caller.id()))
                .map(p -> store.find(p.approvalId()).map(this::view).orElse(null))
                .filter(v -> v != null)
                .toList();
    }

    @GET
    @Path("{confirmationId}")
    @Blocking
    public ConfirmationView get(@PathParam("confirmationId") String confirmationId) {
        return view(mine(confirmationId, callers.principal(identity)));
    }

    @POST
    @Path("{confirmationId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(StrictBodies.class)
    public Object answer(@PathParam("confirmationId") String confirmationId, ConfirmationAnswer body) {
        Principal caller = callers.principal(identity);
        if (body == null || body.confirm() == null) {
            throw new ApiProblem(400, ApiCodes.MALFORMED_BODY,
                    "body must be {\"confirm\": true, \"argumentsDigest\": \"sha256:...\"} or {\"confirm\": false}");
        }
        for (ApprovalDecider decider : deciders) {
            if (decider.owns(confirmationId)) {
                return answered(() -> decider.confirm(confirmationId, caller, body.confirm(), body.argumentsDigest()));
            }
        }
        SuspendedRun run = mine(confirmationId, caller);
        if (body.confirm() && (body.argumentsDigest() == null || body.argumentsDigest().isBlank())) {
            throw new ApiProblem(400, ApprovalException.DIGEST_REQUIRED,
                    "quote the argumentsDigest you were shown to confirm exactly that call");
        }
        AgentRegistry.RegisteredAgent agent = registry.find(run.approval().agentId()).orElseThrow(() ->
                new ApiProblem(404, ApiCodes.UNKNOWN_AGENT, "the confirmation's agent '" + run.approval().agentId()
                        + "' is not deployed here"));
        ConfirmationResolution answer = body.confirm()
                ? ConfirmationResolution.confirm(caller, body.argumentsDigest())
                : Boolean.TRUE.equals(body.continueRun()) ? ConfirmationResolution.declineAndContinue(caller)
                : ConfirmationResolution.decline(caller);
        RunResult result = answered(() -> agent.agent().confirmBlocking(confirmationId, answer));
        RunView view = RunView.of(agent.id(), caller.id(), result, clock.instant());
        runs.put(caller.tenant(), view);
        StreamedRuns.resumed(logs, confirmationId, body.confirm(), caller.id(), result);
        return view;
    }

    /** Runs an answer, mapping the confirmation-specific refusals to their HTTP answers. */
    private static <T> T answered(java.util.function.Supplier<T> answer) {
        try {
            return answer.get();
        } catch (ApprovalException e) {
            switch (e.code()) {
                case ApprovalException.ARGUMENTS_CHANGED ->
                        throw new ApiProblem(409, ApiCodes.CONFIRMATION_ARGUMENTS_CHANGED, e.getMessage());
                case ApprovalException.DIGEST_REQUIRED -> throw new ApiProblem(400, e.code(), e.getMessage());
                case ApprovalException.UNKNOWN, ApprovalException.NOT_REQUESTER ->
                        throw new ApiProblem(404, ApiCodes.UNKNOWN_CONFIRMATION, "no pending confirmation of yours");
                default -> throw e;
            }
        }
    }

    /** The caller's own pending confirmation; anyone else's, or none, is the same 404. */
    private SuspendedRun mine(String confirmationId, Principal caller) {
        return store.find(confirmationId)
                .filter(r -> r.approval().isConfirmation())
                .filter(r -> r.approval().tenant().equals(caller.tenant())
                        && r.approval().requesterId().equals(caller.id()))
                .orElseThrow(() -> new ApiProblem(404, ApiCodes.UNKNOWN_CONFIRMATION,
                        "no pending confirmation '" + confirmationId + "' of yours"));
    }

    private ConfirmationView view(SuspendedRun run) {
        PendingApproval p = run.approval();
        return ConfirmationView.of(p, EscalationView.of(run, registry.find(p.agentId())
                .map(a -> a.agent().toolRegistry()).orElse(null)));
    }
}
