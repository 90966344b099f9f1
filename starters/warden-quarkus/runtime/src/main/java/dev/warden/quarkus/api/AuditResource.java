package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.AuditLogExporter;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.core.audit.HashChainVerifier;
import dev.warden.quarkus.api.Dtos.VerifyView;
import dev.warden.spi.AuditSink;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision audit trail, for callers with the {@code auditor} role: records of the caller's tenant filtered by
 * run, user, agent, tool, decision ({@code ALLOW|TRANSFORM|REQUIRE_APPROVAL|DENY|ERROR}) and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), and verification of
 * the hash chain.
 */
@Singleton
@Authenticated
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {
    @Inject
    AuditSink sink;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;
    @Inject
    OpenTelemetry openTelemetry;

    static final String JSONL = "application/jsonl";

    @GET
    public List<DecisionRecord> query(@QueryParam("runId") String runId, @QueryParam("userId") String userId,
            @QueryParam("agentId") String agentId, @QueryParam("tool") String tool,
            @QueryParam("decision") String decision, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        Principal caller = auditor();
        AuditFilter filter;
        try {
            filter = new AuditFilter(caller.tenant(), runId, userId, agentId, blankToNull(tool),
                    decision == null || decision.isBlank() ? null : decision.trim().toUpperCase(java.util.Locale.ROOT),
                    instant("from", from), instant("to", to), limit);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, ApiCodes.BAD_PARAMETER, e.getMessage());
        }
        try {
            return sink.query(filter);
        } catch (UnsupportedOperationException | UncheckedIOException e) {
            throw new ApiProblem(503, ApiCodes.AUDIT_UNAVAILABLE, "the audit store cannot be read: " + e.getMessage());
        }
    }

    /**
     * The caller's tenant's whole trail in chain order as JSON Lines, exactly as hashed (verifiable offline with
     * {@code HashChainVerifier}); streamed, so a large trail does not have to fit in memory.
     */
    @GET
    @Path("export")
    @Produces(JSONL)
    public Response export() {
        Principal caller = auditor();
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            sink.forEachRecord(caller.tenant(), r -> {
                try {
                    w.write(CanonicalJson.write(r));
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.flush();
        };
        return Response.ok(body, JSONL).header("Content-Disposition",
                "attachment; filename=\"warden-audit-" + caller.tenant().replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".jsonl\"").build();
    }

    /**
     * Publishes the caller's tenant's stored trail as OpenTelemetry log records (a backfill of the log pipeline,
     * e.g. after connecting a SIEM); new records are mirrored continuously with {@code warden.audit.otel-logs=true}.
     */
    @POST
    @Path("export/otel")
    public ExportView exportToOpenTelemetry() {
        Principal caller = auditor();
        try {
            return new ExportView(new AuditLogExporter(openTelemetry).exportAll(sink, caller.tenant()));
        } catch (UnsupportedOperationException | UncheckedIOException e) {
            throw new ApiProblem(503, ApiCodes.AUDIT_UNAVAILABLE, "the audit store cannot be read: " + e.getMessage());
        }
    }

    /** How many records an export published. */
    public record ExportView(long exported) {}

    /**
     * Verifies the caller's tenant's chain and reports only about it: its record count, and a break only when it is in
     * this tenant's chain (or the store cannot say whose). The whole store's check still runs, so store-wide evidence
     * (a signed head, say) counts; another tenant's break or size is never revealed.
     */
    @GET
    @Path("verify")
    public VerifyView verify() {
        String tenant = auditor().tenant();
        List<String> lines = new ArrayList<>();
        ChainVerification own;
        ChainVerification store;
        try {
            sink.forEachRecord(tenant, r -> lines.add(CanonicalJson.write(r)));
            own = HashChainVerifier.verify(lines);
            store = sink.verify();
        } catch (UnsupportedOperationException | UncheckedIOException e) {
            throw new ApiProblem(503, ApiCodes.AUDIT_UNAVAILABLE, "the audit store cannot be read: " + e.getMessage());
        }
        ChainVerification v = !own.valid() || store.valid() || !(store.tenant() == null
                || store.tenant().equals(tenant)) ? own : store;
        return new VerifyView(v.valid(), own.records(), v.firstBrokenSeq(), v.valid() ? null : tenant, v.message());
    }

    private Principal auditor() {
        Principal caller = callers.principal(identity);
        if (!caller.hasRole(RunResource.AUDITOR_ROLE)) {
            throw new ApiProblem(403, ApiCodes.FORBIDDEN, "reading the audit trail needs the 'auditor' role");
        }
        return caller;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiProblem(400, ApiCodes.BAD_PARAMETER, "'" + name + "' must be an ISO-8601 instant such as "
                    + "2026-11-25T10:00:00Z, got '" + value + "'");
        }
    }
}
