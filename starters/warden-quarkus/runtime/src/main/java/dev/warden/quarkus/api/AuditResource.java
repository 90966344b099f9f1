package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.api.Dtos.VerifyView;
import dev.warden.spi.AuditSink;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The decision audit trail, for callers with the {@code auditor} role: records of the caller's tenant filtered by
 * run, user, agent, tool, decision ({@code ALLOW|TRANSFORM|REQUIRE_APPROVAL|DENY|ERROR}) and time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants), and verification of
 * the hash chain.
 */
@Singleton
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
        } catch (UnsupportedOperationException | java.io.UncheckedIOException e) {
            throw new ApiProblem(503, ApiCodes.AUDIT_UNAVAILABLE, "the audit store cannot be read: " + e.getMessage());
        }
    }

    @GET
    @Path("verify")
    public VerifyView verify() {
        auditor();
        ChainVerification v = sink.verify();
        return new VerifyView(v.valid(), v.records(), v.firstBrokenSeq(), v.tenant(), v.message());
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
