package dev.warden.quarkus.console;

import dev.warden.core.Principal;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.quarkus.api.ApiProblem;
import dev.warden.quarkus.api.Dtos.RunView;
import dev.warden.quarkus.api.RunResource;
import dev.warden.spi.AuditSink;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Run forensics: {@code /warden/runs/{runId}} shows the run's audited checkpoints in order, with the run's latest state
 * where this service still holds it, and the other runs of the same trace (delegations into other agents, followed
 * across services when they write to the same audit store).
 *
 * <p>Who may look is the REST API's rule for {@code GET /v1/runs/{id}} (the requester, an approver asked to decide one
 * of its calls) — asked of the API's own {@link RunResource} — plus the {@code auditor} role, which reads every run of
 * its tenant from the audit trail even after the service restarted. Anyone else gets the same "no such run" as for a
 * run that does not exist.
 */
@Singleton
@Blocking // pages read the caller's identity, which lazy authentication resolves off the IO thread
@Path("/warden/runs")
public class RunPage {
    static final String AUDITOR = "auditor";
    /** How far after a run's last record the page looks for records of the same trace. */
    static final Duration TRACE_WINDOW = Duration.ofMinutes(10);

    @Inject
    ConsolePages pages;
    @Inject
    RunResource runs;
    @Inject
    AuditSink sink;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response find(@QueryParam("runId") String runId) {
        if (runId == null || runId.isBlank() || !runId.matches("[A-Za-z0-9._:-]{1,200}")) {
            return pages.page(() -> {
                throw new ApiProblem(400, ConsoleCodes.BAD_FORM, "give a run id");
            });
        }
        return Response.seeOther(URI.create("/warden/runs/" + runId.trim())).build();
    }

    @GET
    @Path("{runId}")
    @Produces(MediaType.TEXT_HTML)
    public Response timeline(@PathParam("runId") String runId) {
        return pages.page(() -> {
            Principal caller = pages.caller();
            RunView cached = visible(runId, caller);
            Map<String, Object> data = new HashMap<>();
            data.put("runId", runId);
            data.put("run", cached);
            List<DecisionRecord> records = List.of();
            String unavailable = null;
            try {
                records = sink.query(AuditFilter.all().tenantOf(caller.tenant()).run(runId)
                        .limitTo(AuditFilter.MAX_LIMIT));
            } catch (UnsupportedOperationException | UncheckedIOException e) {
                unavailable = ConsoleCodes.TIMELINE_UNAVAILABLE + ": the audit store cannot be read ("
                        + e.getMessage() + "); the run's cached decisions are shown";
            }
            if (records.isEmpty() && cached == null) {
                throw new ApiProblem(404, dev.warden.quarkus.api.ApiCodes.UNKNOWN_RUN, "no run '" + runId
                        + "' visible to you");
            }
            data.put("rows", RunTimeline.rows(records));
            data.put("related", related(caller.tenant(), runId, records));
            data.put("unavailable", unavailable);
            data.put("first", records.isEmpty() ? null : records.get(0));
            return pages.ok("run", "Run " + runId, data);
        });
    }

    /**
     * The run's cached view if the API shows it to the caller; {@code null} for an auditor the cache cannot serve; a
     * 404 for anyone else.
     */
    private RunView visible(String runId, Principal caller) {
        try {
            return runs.get(runId);
        } catch (ApiProblem e) {
            if (caller.hasRole(AUDITOR)) {
                return null;
            }
            throw e;
        }
    }

    private List<RunTimeline.Related> related(String tenant, String runId, List<DecisionRecord> records) {
        Set<String> traces = RunTimeline.traceIds(records);
        if (traces.isEmpty()) {
            return List.of();
        }
        Instant from = Instant.parse(records.get(0).time()).minus(Duration.ofSeconds(1));
        Instant to = Instant.parse(records.get(records.size() - 1).time()).plus(TRACE_WINDOW);
        try {
            return RunTimeline.related(runId, traces, sink.query(AuditFilter.all().tenantOf(tenant).between(from, to)
                    .limitTo(AuditFilter.MAX_LIMIT)));
        } catch (UnsupportedOperationException | UncheckedIOException e) {
            return List.of();
        }
    }
}
