package dev.warden.quarkus.inventory.runtime;

import dev.warden.core.Principal;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.inventory.InventoryCodes;
import dev.warden.quarkus.inventory.InventoryConfig;
import dev.warden.quarkus.inventory.InventoryModel;
import dev.warden.quarkus.inventory.InventoryModel.Agent;
import dev.warden.quarkus.inventory.InventoryModel.Instance;
import dev.warden.quarkus.inventory.InventoryModel.PolicyVersion;
import dev.warden.quarkus.inventory.InventoryModel.Undeclared;
import dev.warden.quarkus.inventory.InventoryStore;
import dev.warden.spi.AuditSink;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The agent inventory of every service sharing the store: {@code /v1/inventory}. Reactive — each method returns the
 * store's {@code Uni} and runs on the event loop; only the audit trail (a synchronous store) is read on a worker.
 */
@Singleton
@Authenticated
@Path("/v1/inventory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inventory", description = "Agents, tools, policy versions, instances, drift, data access, kill switch")
public class InventoryResource {
    @Inject
    InventoryStore store;
    @Inject
    InventoryAccess access;
    @Inject
    SecurityIdentity identity;
    @Inject
    InventoryConfig config;
    @Inject
    AuditSink audit;
    @Inject
    Clock clock;

    @GET
    @Path("agents")
    @Operation(summary = "Every agent of every service (security-officer, auditor; an owner sees own agents)")
    public Uni<List<InventoryViews.AgentSummary>> agents() {
        Principal caller = access.caller(identity);
        return facts().map(f -> {
            var byId = InventoryViews.byId(f.agents());
            boolean all = InventoryAccess.seesAll(caller);
            List<InventoryViews.AgentSummary> out = byId.values().stream()
                    .filter(e -> all || InventoryAccess.owns(caller, e))
                    .map(e -> InventoryViews.summary(e, f, clock.instant(), ttl())).toList();
            if (!all && out.isEmpty()) {
                throw InventoryAccess.forbidden("the inventory needs the 'security-officer' or 'auditor' role, or "
                        + "owning an agent");
            }
            return out;
        });
    }

    @GET
    @Path("agents/{id}")
    @Operation(summary = "One agent: tools, policy versions, instances, drift, MCP servers, edges, suspensions")
    public Uni<InventoryViews.AgentDetail> agent(@PathParam("id") String id) {
        Principal caller = access.caller(identity);
        return facts().map(f -> InventoryViews.detail(entries(f.agents(), id, caller), f, clock.instant(), ttl()));
    }

    @GET
    @Path("agents/{id}/access")
    @Operation(summary = "What the agent actually did in [from, to), from the audit trail of the caller's tenant")
    public Uni<AccessMap.View> accessMap(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Principal caller = access.caller(identity);
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(Duration.ofDays(7)));
        if (!start.isBefore(end)) {
            throw new ApiProblem(400, InventoryCodes.BAD_PARAMETER, "'from' must be before 'to'");
        }
        return store.agents().onFailure().transform(InventoryResource::unavailable)
                .invoke(all -> entries(all, id, caller))
                .chain(ok -> store.edges().onFailure().transform(InventoryResource::unavailable))
                .map(edges -> edgesFrom(edges, id))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(edges -> {
                    try {
                        return AccessMap.of(audit, caller.tenant(), id, start, end, edges);
                    } catch (UnsupportedOperationException | UncheckedIOException e) {
                        org.jboss.logging.Logger.getLogger(InventoryResource.class).warnf(e, "%s the audit trail "
                                + "cannot be read", InventoryCodes.AUDIT_UNAVAILABLE);
                        throw new ApiProblem(503, InventoryCodes.AUDIT_UNAVAILABLE, "the audit trail cannot be read; "
                                + "see the server log");
                    }
                });
    }

    /** Callee id → kind of the declared edges from {@code agent} (MCP edges and inbound ones are not delegations). */
    static Map<String, String> edgesFrom(List<InventoryModel.Edge> edges, String agent) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (InventoryModel.Edge e : edges) {
            if (e.declared() && e.fromAgent().equals(agent) && !"mcp".equals(e.kind()) && !"inbound".equals(e.kind())) {
                out.putIfAbsent(e.toAgent(), e.kind());
            }
        }
        return out;
    }

    @GET
    @Path("instances")
    @Operation(summary = "Every registered instance with its heartbeat and fingerprints")
    public Uni<List<Instance>> instances() {
        InventoryAccess.requireSeesAll(access.caller(identity), "the instance list");
        return store.instances().onFailure().transform(InventoryResource::unavailable);
    }

    @GET
    @Path("drift")
    @Operation(summary = "Live replicas of a service that serve other policy versions or tool schemas than siblings")
    public Uni<List<Drift.View>> drift() {
        InventoryAccess.requireSeesAll(access.caller(identity), "drift");
        return store.instances().onFailure().transform(InventoryResource::unavailable)
                .map(all -> Drift.of(all, clock.instant(), ttl()));
    }

    @GET
    @Path("policies")
    @Operation(summary = "Every policy set version any service served: who loaded it, when, with which fingerprint")
    public Uni<List<PolicyVersion>> policies() {
        InventoryAccess.requireSeesAll(access.caller(identity), "policy versions");
        return store.policyVersions().onFailure().transform(InventoryResource::unavailable);
    }

    @GET
    @Path("edges")
    @Operation(summary = "Every declared edge: agent → callee agent or MCP server, how it is reached (kind), its trust "
            + "(scopes, purposes)")
    public Uni<List<InventoryModel.Edge>> edges() {
        InventoryAccess.requireSeesAll(access.caller(identity), "delegation edges");
        return store.edges().onFailure().transform(InventoryResource::unavailable);
    }

    @GET
    @Path("undeclared")
    @Operation(summary = "Calls of tools, and delegations along edges, the inventory does not list")
    public Uni<List<Undeclared>> undeclared() {
        InventoryAccess.requireSeesAll(access.caller(identity), "undeclared activity");
        return store.undeclared().onFailure().transform(InventoryResource::unavailable);
    }

    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The whole inventory for GRC tools: format=json (everything) or csv (agent × tool rows)")
    public Uni<Response> export(@QueryParam("format") @DefaultValue("json") String format) {
        InventoryAccess.requireSeesAll(access.caller(identity), "the export");
        String f = format.trim().toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("json") && !f.equals("csv")) {
            throw new ApiProblem(400, InventoryCodes.BAD_PARAMETER, "format must be json or csv, got '" + format + "'");
        }
        return facts().map(facts -> {
            Instant now = clock.instant();
            var details = InventoryViews.details(facts, now, ttl());
            if (f.equals("csv")) {
                return Response.ok(InventoryCsv.write(details), "text/csv").header("Content-Disposition",
                        "attachment; filename=\"warden-inventory.csv\"").build();
            }
            return Response.ok(new InventoryViews.Export(now, details, facts.instances(), facts.versions(),
                    Drift.of(facts.instances(), now, ttl()), facts.suspensions(), facts.undeclared()),
                    MediaType.APPLICATION_JSON).build();
        });
    }

    private Duration ttl() {
        return config.instanceTtl();
    }

    private Uni<InventoryViews.Facts> facts() {
        return Uni.combine().all().unis(store.agents(), store.instances(), store.policyVersions(), store.mcpServers(),
                store.edges(), store.suspensions(false), store.undeclared())
                .with((a, i, v, m, e, s, u) -> new InventoryViews.Facts(a, i, v, m, e, s, u))
                .onFailure().transform(InventoryResource::unavailable);
    }

    /** The agent's entries if the caller may see them: 404 when no service registered it, 403 when not theirs. */
    private static List<Agent> entries(List<Agent> all, String id, Principal caller) {
        List<Agent> entries = all.stream().filter(a -> a.agentId().equals(id)).toList();
        if (entries.isEmpty()) {
            if (!InventoryAccess.seesAll(caller)) {
                throw InventoryAccess.forbidden("the inventory needs the 'security-officer' or 'auditor' role, or "
                        + "owning the agent");
            }
            throw new ApiProblem(404, InventoryCodes.UNKNOWN_AGENT, "no agent '" + id + "' in the inventory");
        }
        if (!InventoryAccess.seesAll(caller) && !InventoryAccess.owns(caller, entries)) {
            throw InventoryAccess.forbidden("agent '" + id + "' needs the 'security-officer' or 'auditor' role, or "
                    + "owning it");
        }
        return entries;
    }

    static Throwable unavailable(Throwable e) {
        if (e instanceof ApiProblem) {
            return e;
        }
        // the problem body names no exception (decision 0056); the log has it
        org.jboss.logging.Logger.getLogger(InventoryResource.class).warnf(e, "%s the inventory store cannot be read",
                InventoryCodes.STORE_UNAVAILABLE);
        return new ApiProblem(503, InventoryCodes.STORE_UNAVAILABLE, "the inventory store cannot be read; see the "
                + "server log");
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ApiProblem(400, InventoryCodes.BAD_PARAMETER, "'" + name + "' must be an ISO-8601 instant such "
                    + "as 2026-12-05T10:00:00Z, got '" + value + "'");
        }
    }
}
