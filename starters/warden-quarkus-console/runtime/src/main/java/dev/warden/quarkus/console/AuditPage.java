package dev.warden.quarkus.console;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.api.AuditResource;
import dev.warden.quarkus.api.Dtos.VerifyView;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The audit trail for the {@code auditor} role: query by user, agent, tool, decision and time, verify the hash chain,
 * export JSON Lines. Every action is the REST API's {@link AuditResource} (same role check, tenant scoping, parameter
 * validation and problem codes); this page only adds the form.
 */
@Singleton
@Blocking // pages read the caller's identity, which lazy authentication resolves off the IO thread
@Path("/warden/audit")
public class AuditPage {
    /** A {@code datetime-local} field's value (no zone): read as UTC. */
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
    static final List<String> DECISIONS = List.of("ALLOW", "TRANSFORM", "REQUIRE_CONFIRMATION", "REQUIRE_APPROVAL",
            "DENY", "ERROR");

    @Inject
    ConsolePages pages;
    @Inject
    AuditResource audit;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response query(@QueryParam("userId") String userId, @QueryParam("agentId") String agentId,
            @QueryParam("tool") String tool, @QueryParam("decision") String decision,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("verify") String verify) {
        return pages.signedIn(() -> {
            Map<String, Object> data = new HashMap<>();
            data.put("userId", blank(userId));
            data.put("agentId", blank(agentId));
            data.put("tool", blank(tool));
            data.put("decision", blank(decision));
            data.put("from", blank(from));
            data.put("to", blank(to));
            data.put("decisions", DECISIONS);
            List<DecisionRecord> records = audit.query(null, blank(userId), blank(agentId), blank(tool),
                    blank(decision), instant(from), instant(to), 500);
            data.put("records", RunTimeline.rows(records));
            data.put("count", records.size());
            VerifyView verified = verify != null ? audit.verify() : null;
            data.put("verified", verified);
            return pages.ok("audit", "Audit trail", data);
        });
    }

    /** The tenant's whole trail as JSON Lines, exactly as the API's {@code GET /v1/audit/export} streams it. */
    @GET
    @Path("export")
    @Produces("application/jsonl")
    public Response export() {
        return pages.signedIn(audit::export);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A form's time as the API's ISO-8601 instant: {@code datetime-local} values are taken as UTC. */
    static String instant(String value) {
        String v = blank(value);
        if (v != null && LOCAL_TIME.matcher(v).matches()) {
            return v + (v.length() == 16 ? ":00Z" : "Z");
        }
        return v;
    }
}
