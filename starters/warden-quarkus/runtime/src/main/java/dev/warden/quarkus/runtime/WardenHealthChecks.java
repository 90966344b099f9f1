package dev.warden.quarkus.runtime;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyProblem;
import dev.warden.spi.AuditSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: policies loaded (and no rejected reload pending a fix), audit store readable and its chain intact. */
@ApplicationScoped
public class WardenHealthChecks {

    @Produces
    @Readiness
    HealthCheck policies(PolicyLoader loader, PolicyEngine engine) {
        return () -> {
            List<PolicyProblem> rejected = loader.rejected();
            HealthCheckResponseBuilder b = HealthCheckResponse.named("warden-policies")
                    .status(loader.loaded())
                    .withData("sets", String.join(",", engine.policySets().stream()
                            .map(s -> s.name() + "@" + s.version()).toList()));
            if (!rejected.isEmpty()) {
                // Still serving the previous version: ready, but say why the edit did not apply.
                b.withData("rejectedReload", rejected.get(0).toString());
            }
            return b.build();
        };
    }

    @Produces
    @Readiness
    HealthCheck audit(AuditSink sink) {
        return () -> {
            try {
                var v = sink.verify();
                return HealthCheckResponse.named("warden-audit").status(v.valid())
                        .withData("records", v.records())
                        .withData("message", v.message() == null ? "ok" : v.message()).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("warden-audit").down().withData("error", e.getMessage()).build();
            }
        };
    }
}
