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
import io.a2a.util.Utils;
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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approving remote A2A agent cards ({@code warden.a2a.pin-role}, default {@code admin}):
 * <ul>
 *   <li>{@code GET /v1/a2a/cards/{agent}} — the card it serves now (with the endpoint URL it names) and its digest,
 *       the pinned digest, whether they match;</li>
 *   <li>{@code POST /v1/a2a/cards/{agent}/pin} with {@code {"sha256": "<reviewed digest>", "reason": "..."}} — pins
 *       that card if the remote still serves it, recorded in the audit trail ({@code WARDEN-A2A-0690}, approver,
 *       reason, old and new digests).</li>
 * </ul>
 */
@Singleton
@Path("/v1/a2a/cards/{agent}")
@Produces(MediaType.APPLICATION_JSON)
public class A2aPinResource {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

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

    /** What an approver quotes: the digest of the card they reviewed (from {@code GET}) and why they approve it. */
    public record PinRequest(String sha256, String reason) {}

    @GET
    @Blocking
    public Map<String, Object> status(@PathParam("agent") String agent) {
        admin();
        A2aRemoteAgent remote = remote(agent);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent", agent);
        out.put("baseUrl", remote.baseUrl().toString());
        Optional<CardPin> pinned = remotes.cards().pins().find(agent);
        out.put("pinned", pinned.map(CardPin::sha256).orElse(null));
        out.put("pinnedBy", pinned.map(CardPin::approvedBy).orElse(null));
        out.put("pinnedByConfiguration", remotes.cards().pins().fixed(agent));
        try {
            RemoteCards.Fetched served = remotes.cards().fetch(remote);
            // what the approver reviews: the card itself, the endpoint it names and the digest to quote when pinning
            out.put("served", served.sha256());
            out.put("url", served.card().url());
            out.put("card", Utils.OBJECT_MAPPER.convertValue(served.card(), Map.class));
        } catch (RemoteCards.CardUnavailable e) {
            out.put("served", null);
            out.put("error", e.getMessage());
        }
        out.put("matches", out.get("served") != null && out.get("served").equals(out.get("pinned")));
        return out;
    }

    /**
     * Pins the card the approver reviewed. The body quotes its digest ({@code sha256}, as {@code GET} showed it) and
     * the reason; the card is fetched again and pinned only if it is still that card (409
     * {@code WARDEN-A2A-0693} otherwise, recorded). A pin set in configuration is not replaced here (409
     * {@code WARDEN-A2A-0695}).
     */
    @POST
    @Path("pin")
    @Blocking
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(dev.warden.quarkus.api.StrictBodies.class)
    public Map<String, Object> pin(@PathParam("agent") String agent, PinRequest request) {
        Principal caller = admin();
        A2aRemoteAgent remote = remote(agent);
        if (request == null || request.sha256() == null || !SHA256.matcher(request.sha256().trim()).matches()
                || request.reason() == null || request.reason().isBlank()) {
            throw new ApiProblem(400, A2aCodes.PIN_REQUEST_INVALID, "quote the card you reviewed and why: "
                    + "{\"sha256\": \"<64 hex digits from GET /v1/a2a/cards/" + agent + ">\", \"reason\": \"...\"}");
        }
        CardPin pin;
        try {
            pin = remotes.cards().approve(remote, request.sha256(), caller, request.reason().strip(), governor);
        } catch (RemoteCards.PinRefused e) {
            throw new ApiProblem(A2aCodes.CARD_UNAVAILABLE.equals(e.code()) ? 502 : 409, e.code(), e.getMessage());
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
