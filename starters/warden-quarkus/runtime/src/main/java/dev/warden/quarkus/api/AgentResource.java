package dev.warden.quarkus.api;

import dev.warden.core.Declassification;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.agent.RunResult;
import dev.warden.core.tools.ToolRegistry;
import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.api.Dtos.AgentView;
import dev.warden.quarkus.api.Dtos.RunRequest;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.api.Dtos.ToolView;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.AgentRegistry.RegisteredAgent;
import dev.warden.quarkus.runtime.RunEventLog;
import dev.warden.quarkus.runtime.RunEventLogs;
import dev.warden.quarkus.runtime.RunRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.agent.CancelSignal;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import io.quarkus.security.Authenticated;
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

/** The agent inventory and runs: {@code /v1/agents}. */
@Singleton
@Authenticated
@Path("/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {
    @Inject
    AgentRegistry registry;
    @Inject
    RunRepository runs;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;
    @Inject
    WardenConfig config;
    @Inject
    Clock clock;
    @Inject
    RunEventLogs logs;
    @Inject
    ObjectMapper json;

    @GET
    public List<AgentView> list() {
        callers.principal(identity);
        return registry.all().stream().map(AgentResource::view).toList();
    }

    @GET
    @Path("{agentId}")
    public AgentView get(@PathParam("agentId") String agentId) {
        callers.principal(identity);
        return view(agent(agentId));
    }

    /**
     * Runs the agent for the caller. Blocking: the model and tools may block, so this runs on a worker thread, never
     * the event loop. The outcome of a governed run is a 200 with its status; only API misuse is an error.
     */
    @POST
    @Path("{agentId}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(StrictBodies.class)
    public RunView run(@PathParam("agentId") String agentId, RunRequest body) {
        Principal user = callers.principal(identity);
        RegisteredAgent agent = agent(agentId);
        validate(body);
        // a user's own run: they answer confirmations at /v1/confirmations, so they may declassify (decision 0039)
        GovernanceContext ctx = GovernanceContext.of(Declassification.attend(user), agent.agent().identity())
                .withTask(new TaskContext(null, body.conversationId(), null));
        RunResult result = agent.agent().runBlocking(body.input(), ctx);
        RunView view = RunView.of(agentId, user.id(), result, clock.instant());
        runs.put(user.tenant(), view);
        StreamedRuns.replay(logs.open(result.runId(), user.tenant(), user.id(), agentId), result);
        return view;
    }

    /**
     * The same run, streamed ({@code Accept: text/event-stream}, decision 0035): its events as Server-Sent Events while
     * it goes — tokens through the hold-back window, tool calls requested, decisions, and its end (completed, refused
     * or approval-needed, with the run's JSON). The reader going away cancels the run (audited,
     * {@code WARDEN-STR-0661}). Errors before the run starts are problem+json, as for the JSON variant.
     */
    @POST
    @Path("{agentId}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(StrictBodies.class)
    public Multi<OutboundSseEvent> runStreaming(@PathParam("agentId") String agentId, RunRequest body,
            @Context Sse sse) {
        Principal user = callers.principal(identity);
        RegisteredAgent agent = agent(agentId);
        validate(body);
        String runId = UUID.randomUUID().toString();
        // a user's own run: they answer confirmations at /v1/confirmations, so they may declassify (decision 0039)
        GovernanceContext ctx = GovernanceContext.of(Declassification.attend(user), agent.agent().identity())
                .withTask(new TaskContext(runId, body.conversationId(), null));
        RunEventLog log = logs.open(runId, user.tenant(), user.id(), agentId);
        CancelSignal cancel = new CancelSignal();
        StreamedRuns.start(agent.agent(), body.input(), ctx, log, cancel,
                result -> runs.put(user.tenant(), RunView.of(agentId, user.id(), result, clock.instant())));
        return log.read(0).map(e -> RunEventStream.toSse(sse, json, clock, log, e))
                .onCancellation().invoke(cancel::cancel);
    }

    private void validate(RunRequest body) {
        if (body == null || body.input() == null || body.input().isBlank()) {
            throw new ApiProblem(400, ApiCodes.MALFORMED_BODY, "body must be {\"input\": \"...\"} with a non-empty input");
        }
        if (body.input().length() > config.limits().maxInputChars()) {
            throw new ApiProblem(413, ApiCodes.INPUT_TOO_LARGE, "input has " + body.input().length()
                    + " characters; the limit is " + config.limits().maxInputChars());
        }
    }

    private RegisteredAgent agent(String agentId) {
        return registry.find(agentId).orElseThrow(() -> new ApiProblem(404, ApiCodes.UNKNOWN_AGENT,
                "no agent '" + agentId + "'"));
    }

    static AgentView view(RegisteredAgent a) {
        ToolRegistry tools = a.agent().toolRegistry();
        List<ToolView> toolViews = tools.descriptors().stream()
                .map(d -> new ToolView(d.name(), d.specification() == null ? null : d.specification().description(),
                        d.effects().stream().map(Enum::name).sorted().toList()))
                .toList();
        return new AgentView(a.id(), a.description(), a.owner(), a.version(), a.policies(), toolViews);
    }
}
