package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.quarkus.WardenConfig;
import dev.warden.spi.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: policies loaded (and no rejected reload pending a fix), audit store readable and its chain intact (the
 * chain check is cached, see {@link AuditReadiness}; the record count is live). The endpoint needs no token, so the
 * checks' data (versions, counts, errors) is shown only with {@code warden.health.details=true}; otherwise each check
 * is its name and status (decision 0056).
 */
@ApplicationScoped
public class WardenHealthChecks {

    @Produces
    @Readiness
    HealthCheck policies(PolicyLoader loader, PolicyEngine engine, PolicyReloadJournal journal, WardenConfig config) {
        boolean details = config.health().details();
        return () -> {
            if (!details) {
                return HealthCheckResponse.named("warden-policies").status(loader.loaded()).build();
            }
            List<PolicyProblem> rejected = loader.rejected();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("warden-policies")
                    .status(loader.loaded())
                    .withData("sets", String.join(",", engine.policySets().stream()
                            .map(s -> s.name() + "@" + s.version()).toList()));
            PolicyReloadJournal.Attempt last = journal.last();
            if (last != null) {
                b.withData("lastReload", (last.accepted() ? "accepted " : "rejected ") + last.at() + " "
                        + last.sources());
            }
            if (!rejected.isEmpty()) {
                // Still serving the last good version, so still ready (taking every replica out of rotation for one
                // bad edit would turn it into an outage); say why the files on disk are not what serves.
                b.withData("rejectedReload", rejected.get(0).toString());
                b.withData("rejectedReloads", rejected.size());
                b.withData("code", dev.warden.policy.PolicyCodes.RELOAD_REJECTED);
            }
            return b.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck audit(AuditSink sink, WardenConfig config, java.time.Clock clock, AuditAppendHealth appends) {
        AuditReadiness chain = new AuditReadiness(sink, config.audit().verifyInterval(), clock);
        return () -> {
            String failing = appends.failing();
            if (!config.health().details()) {
                return HealthCheckResponse.named("warden-audit").status(failing == null && chain.intact()).build();
            }
            if (failing != null) {
                // every decision is being refused: not ready, and say why
                return HealthCheckResponse.named("warden-audit").down().withData("appendError", failing).build();
            }
            try {
                return chain.report(HealthCheckResponse.named("warden-audit")).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("warden-audit").down().withData("error", e.getMessage()).build();
            }
        };
    }
}
