package dev.warden.quarkus.delegation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.remote.DelegationReceiver;
import dev.warden.quarkus.api.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remote delegation over HTTP (documented in {@code multi-agent/README.md}):
 * <ul>
 *   <li>{@code POST /v1/delegations} — another service's agent hands a task to an agent of this one; the caller's
 *       context travels as a signed token ({@code Authorization: Warden-Context <jws>}), its trace as W3C
 *       {@code traceparent}. 200 with the callee run's result; refusals are RFC 9457 problem+json with the
 *       {@code WARDEN-DLG-00xx} code (400, 401, 403, 404), recorded in this service's audit trail;</li>
 *   <li>{@code GET /v1/delegations/jwks} — the public key(s) this service signs context tokens with;</li>
 *   <li>{@code GET /v1/delegations/agents} — the agent directory with trust edges (bearer token required).</li>
 * </ul>
 */
@Singleton
@Path("/v1/delegations")
public class DelegationResource {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InboundDelegations inbound;
    @Inject
    DelegationKeys keys;
    @Inject
    AgentDirectory directory;
    @Inject
    DelegationConfig config;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;

    /** Runs on a worker thread: the delegated agent's model and tools may block. */
    @POST
    @Blocking
    public Response delegate(String body, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        String source = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        DelegationReceiver.HttpReply reply = inbound.receiver().handle(body, headers::getHeaderString, source)
                .await().atMost(config.timeout().plusSeconds(5));
        if (reply.status() == 200) {
            return Response.ok(reply.body(), reply.contentType()).build();
        }
        return Response.status(reply.status()).type(PROBLEM_JSON).entity(problem(reply)).build();
    }

    @GET
    @Path("jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return keys.publishedJwks();
    }

    @GET
    @Path("agents")
    @Produces(MediaType.APPLICATION_JSON)
    public Collection<AgentCard> agents() {
        callers.principal(identity);
        return directory.all();
    }

    /** RFC 9457 fields plus {@code code} and {@code reason}, which {@code RemoteAgentClient} reads. */
    static Map<String, Object> problem(DelegationReceiver.HttpReply reply) {
        String code = DelegationCodes.REMOTE_UNAVAILABLE;
        String reason = "refused";
        try {
            JsonNode n = JSON.readTree(reply.body());
            code = n.path("code").asText(code);
            reason = n.path("reason").asText(reason);
        } catch (java.io.IOException e) {
            // the receiver always writes JSON; keep the generic code if it ever does not
        }
        Response.Status s = Response.Status.fromStatusCode(reply.status());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://warden.dev/problems/" + code);
        body.put("title", s == null ? "Error" : s.getReasonPhrase());
        body.put("status", reply.status());
        body.put("detail", reason);
        body.put("instance", "/v1/delegations");
        body.put("code", code);
        body.put("reason", reason);
        return body;
    }
}
