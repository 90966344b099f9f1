package dev.warden.quarkus.api;

import io.quarkus.security.Authenticated;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.runtime.PolicyLoader;
import dev.warden.quarkus.runtime.PolicyReloadJournal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * What policies serve and how the latest reloads went, for the {@code auditor} role: {@code GET /v1/policies/status}.
 * Policies are shared by every tenant, so is this view.
 */
@Singleton
@Authenticated
@Path("/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {
    @Inject
    PolicyEngine engine;
    @Inject
    PolicyLoader loader;
    @Inject
    PolicyReloadJournal journal;
    @Inject
    WardenConfig config;
    @Inject
    Callers callers;
    @Inject
    SecurityIdentity identity;

    /** An active set. */
    public record SetView(String name, String version, int rules, String source) {}

    /** A problem with where it is. */
    public record ProblemView(String source, int line, String ruleId, String message) {
        static ProblemView of(PolicyProblem p) {
            return new ProblemView(p.source(), p.line(), p.ruleId(), p.message());
        }
    }

    /** The latest reload attempt. */
    public record AttemptView(Instant at, List<String> sources, boolean accepted, List<ProblemView> problems,
            List<String> removals) {}

    /**
     * @param active the sets serving now
     * @param reload whether watched directories are reloaded
     * @param lastAttempt the latest reload attempt since startup, or null
     * @param rejected every rejection still in effect (files on disk that differ from what serves)
     */
    public record StatusView(List<SetView> active, boolean reload, AttemptView lastAttempt,
            List<ProblemView> rejected) {}

    @GET
    @Path("status")
    public StatusView status() {
        if (!callers.principal(identity).hasRole(RunResource.AUDITOR_ROLE)) {
            throw new ApiProblem(403, ApiCodes.FORBIDDEN, "the policy status needs the 'auditor' role");
        }
        List<SetView> active = engine.policySets().stream()
                .map(s -> new SetView(s.name(), s.version(), s.rules().size(), s.source())).toList();
        PolicyReloadJournal.Attempt a = journal.last();
        AttemptView last = a == null ? null : new AttemptView(a.at(), a.sources(), a.accepted(),
                a.problems().stream().map(ProblemView::of).toList(), a.removals());
        return new StatusView(active, loader.watching(), last,
                loader.rejected().stream().map(ProblemView::of).toList());
    }
}
