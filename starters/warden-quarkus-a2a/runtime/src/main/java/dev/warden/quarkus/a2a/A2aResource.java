package dev.warden.quarkus.a2a;

import dev.warden.a2a.A2aCodes;
import dev.warden.a2a.server.A2aResponse;
import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.Principal;
import dev.warden.quarkus.api.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A2A JSON-RPC for the agents named in {@code warden.a2a.serve}:
 * <ul>
 *   <li>{@code GET /a2a/{agent}/.well-known/agent-card.json} — the public agent card (no token needed);</li>
 *   <li>{@code POST /a2a/{agent}} — {@code message/send}, {@code message/stream} (SSE), {@code tasks/get},
 *       {@code tasks/cancel}, {@code tasks/resubscribe}, with the service's bearer JWT. A missing or invalid token is
 *       the API's 401 problem+json; an agent not served over A2A is 404 ({@code WARDEN-A2A-0698}).</li>
 * </ul>
 */
@Singleton
@Path(A2aResource.PATH + "/{agent}")
public class A2aResource {
    static final String PATH = "/a2a";

    @Inject
    A2aServers servers;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;

    @GET
    @Path(".well-known/agent-card.json")
    public Response card(@PathParam("agent") String agent) {
        return servers.find(agent).map(s -> Response.ok(s.cardJson(), "application/json").build())
                .orElseGet(A2aResource::notServed);
    }

    /** Runs on a worker thread: a blocking {@code message/send} waits for the governed run. */
    @POST
    @Blocking
    public Response rpc(@PathParam("agent") String agent, String body, @Context HttpHeaders headers) {
        WardenA2aServer server = servers.find(agent).orElse(null);
        if (server == null) {
            return notServed();
        }
        Principal caller = callers.principal(identity); // 401 problem+json when the token does not verify
        A2aResponse reply = server.handle(body, headers::getHeaderString, caller);
        if (reply instanceof A2aResponse.Json j) {
            return Response.status(j.status()).type(j.contentType()).entity(j.body()).build();
        }
        // holds this worker thread while the governed run streams, at most the stream's bound (run timeout + margin)
        A2aResponse.Stream events = (A2aResponse.Stream) reply;
        StreamingOutput sse = events::writeSse;
        return Response.ok(sse, "text/event-stream").header("Cache-Control", "no-cache").build();
    }

    private static Response notServed() {
        return Response.status(404).type("application/problem+json").entity("{\"type\":\"https://warden.dev/problems/"
                + A2aCodes.NOT_SERVED + "\",\"title\":\"Not Found\",\"status\":404,\"code\":\""
                + A2aCodes.NOT_SERVED + "\",\"detail\":\"no agent "
                + "of that id is served over A2A here\"}").build();
    }
}
