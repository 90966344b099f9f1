package dev.warden.quarkus.a2a;

import dev.warden.a2a.A2aCodes;
import dev.warden.a2a.remote.A2aRemoteAgent;
import dev.warden.a2a.remote.CardPin;
import dev.warden.a2a.remote.RemoteCards;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiCodes;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Approving remote A2A agent cards ({@code warden.a2a.pin-role}, default {@code admin}):
 * <ul>
 *   <li>{@code GET /v1/a2a/cards/{agent}} — the digest of the card it serves now, the pinned one, whether they match;</li>
 *   <li>{@code POST /v1/a2a/cards/{agent}/pin} — pins the card it serves now, recorded in the audit trail
 *       ({@code WARDEN-A2A-0690}, approver, old and new digests).</li>
 * </ul>
 */
@Singleton
@Path("/v1/a2a/cards/{agent}")
@Produces(MediaType.APPLICATION_JSON)
public class A2aPinResource {
    @Inject
    A2aRemotes remotes;
    @Inject
    A2aConfig config;
    @Inject
    Governor governor;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;

    @GET
    @Blocking
    public Map<String, Object> status(@PathParam("agent") String agent) {
        admin();
        A2aRemoteAgent remote = remote(agent);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent);
        out.put("url", remote.baseUrl().toString());
        out.put("pinned", remotes.cards().pins().find(agent).map(CardPin::sha256).orElse(null));
        try {
            out.put("served", remotes.cards().fetch(remote).sha256());
        } catch (RemoteCards.CardUnavailable e) {
            out.put("served", null);
            out.put("error", e.getMessage());
        }
        out.put("matches", out.get("served") != null && out.get("served").equals(out.get("pinned")));
        return out;
    }

    @POST
    @Path("pin")
    @Blocking
    public Map<String, Object> pin(@PathParam("agent") String agent) {
        Principal caller = admin();
        A2aRemoteAgent remote = remote(agent);
        CardPin pin;
        try {
            pin = remotes.cards().approve(remote, caller, governor);
        } catch (IllegalStateException e) {
            throw new ApiProblem(502, A2aCodes.CARD_UNAVAILABLE, e.getMessage());
        }
        return Map.of("agent", agent, "sha256", pin.sha256(), "approvedBy", pin.approvedBy(),
                "approvedAt", pin.approvedAt().toString());
    }

    private Principal admin() {
        Principal caller = callers.principal(identity);
        if (!caller.hasRole(config.pinRole())) {
            throw new ApiProblem(403, ApiCodes.FORBIDDEN, "approving A2A cards needs the '" + config.pinRole()
                    + "' role");
        }
        return caller;
    }

    private A2aRemoteAgent remote(String agent) {
        return remotes.find(agent).orElseThrow(() -> new ApiProblem(404, ApiCodes.NOT_FOUND,
                "no remote A2A agent '" + agent + "' is configured"));
    }
}
