package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryModel.Suspension;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.quarkus.inventory.SuspensionTarget;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The kill switch: {@code POST /v1/inventory/suspensions} suspends an agent, a tool or an MCP server on every replica
 * sharing the store; {@code DELETE /v1/inventory/suspensions/{target}/{id}} resumes it. Both are audited with who and
 * why.
 */
@Singleton
@Authenticated
@Path("/v1/inventory/suspensions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory")
public class SuspensionResource {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,199}");
    static final int MAX_REASON = 1000;

    @Inject
    InventoryStore store;
    @Inject
    KillSwitch killSwitch;
    @Inject
    InventoryAccess access;
    @Inject
    SecurityIdentity identity;

    /** {@code {"target": "agent|tool|mcp-server", "id": "…", "reason": "…"}}. */
    public record SuspendRequest(String target, String id, String reason) {}

    /** A suspension in force, and whether its audit record was written. */
    public record SuspensionView(Suspension suspension, boolean audited) {}

    @GET
    @Operation(summary = "Active suspensions, or with history=true every suspension ever made")
    public Uni<List<Suspension>> list(@QueryParam("history") boolean history) {
        InventoryAccess.requireSeesAll(access.caller(identity), "the suspension list");
        return store.suspensions(!history).onFailure().transform(InventoryResource::unavailable);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspends an agent, tool or MCP server on every replica (security-officer; an owner may "
            + "suspend their own agent)")
    @io.quarkus.resteasy.reactive.jackson.CustomDeserialization(dev.warden.quarkus.api.StrictBodies.class)
    public Uni<Response> suspend(SuspendRequest body) {
        Principal caller = access.caller(identity);
        if (body == null) {
            throw bad("body must be {\"target\": \"agent|tool|mcp-server\", \"id\": \"...\", \"reason\": \"...\"}");
        }
        SuspensionTarget target = target(body.target());
        String id = id(body.id());
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            throw bad("reason is required (1 to " + MAX_REASON + " characters): say why, it is audited");
        }
        Uni<Boolean> allowed = InventoryAccess.maySuspend(caller, target, false) ? Uni.createFrom().item(true)
                : target != SuspensionTarget.AGENT ? Uni.createFrom().failure(InventoryAccess.forbidden(
                        "suspending a " + target.wire() + " needs the 'security-officer' role"))
                : store.agents().onFailure().transform(InventoryResource::unavailable)
                        .map(all -> InventoryAccess.maySuspend(caller, target, all.stream().anyMatch(a ->
                                a.agentId().equals(id) && caller.id().equals(a.owner()))));
        return allowed.chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(InventoryAccess.forbidden("suspending agent '" + id + "' needs the "
                        + "'security-officer' role or owning it"));
            }
            return killSwitch.suspend(target, id, body.reason().trim(), caller)
                    .onFailure(e -> !(e instanceof ApiProblem)).transform(InventoryResource::unavailable)
                    .map(f -> Response.status(201).entity(new SuspensionView(f.suspension(), f.audited())).build());
        });
    }

    @DELETE
    @Path("{target}/{id}")
    @Operation(summary = "Resumes a suspended target (security-officer); audited before it takes effect")
    public Uni<Suspension> lift(@PathParam("target") String target, @PathParam("id") String id,
            @QueryParam("reason") List<String> reasons) {
        Principal caller = InventoryAccess.requireOfficer(access.caller(identity), "resuming");
        SuspensionTarget t = target(target);
        String checked = id(id);
        if (reasons != null && reasons.size() > 1) {
            // read first-wins, a proxy or request log in front may record the other reason (decision 0060)
            throw bad("reason is given " + reasons.size() + " times; send it once");
        }
        String reason = reasons == null || reasons.isEmpty() ? null : reasons.get(0);
        return killSwitch.lift(t, checked, reason, caller)
                .onFailure(e -> !(e instanceof ApiProblem)).transform(InventoryResource::unavailable)
                .map(lifted -> lifted.orElseThrow(() -> new ApiProblem(404, InventoryCodes.NO_SUSPENSION,
                        "no active suspension of " + t.wire() + " '" + checked + "'")));
    }

    private static SuspensionTarget target(String value) {
        return SuspensionTarget.parse(value).orElseThrow(() -> bad("target must be agent, tool or mcp-server, got '"
                + value + "'"));
    }

    private static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw bad("id must match " + ID.pattern() + ", got '" + value + "'");
        }
        return value;
    }

    private static ApiProblem bad(String detail) {
        return new ApiProblem(400, InventoryCodes.BAD_SUSPENSION, detail);
    }
}
