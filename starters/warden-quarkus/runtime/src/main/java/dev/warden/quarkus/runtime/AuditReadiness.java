package dev.warden.quarkus.runtime;

import dev.warden.core.audit.ChainVerification;
import dev.warden.spi.AuditSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The audit part of readiness. Verifying the whole hash chain reads the whole trail, so a readiness probe runs it at
 * most once per {@code warden.audit.verify-interval} (and again at once after a broken result) and reports its age;
 * the record count comes from the sink's chain heads on every probe, so it never lags behind the trail.
 */
final class AuditReadiness {
    private final AuditSink sink;
    private final Duration interval;
    private final Clock clock;
    private ChainVerification last;
    private Instant at;

    AuditReadiness(AuditSink sink, Duration interval, Clock clock) {
        this.sink = sink;
        this.interval = interval;
        this.clock = clock;
    }

    /** Whether the chain verifies (the same cached check as {@link #report}); {@code false} if it cannot be read. */
    boolean intact() {
        try {
            return check().valid();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private synchronized ChainVerification check() {
        Instant now = clock.instant();
        if (last == null || !last.valid() || !now.isBefore(at.plus(interval))) {
            last = sink.verify();
            at = now;
        }
        return last;
    }

    /** Status and data of {@code b}: {@code records} (live), {@code chainCheckedAt}, its age and what it read. */
    HealthCheckResponseBuilder report(HealthCheckResponseBuilder b) {
        ChainVerification v;
        Instant checkedAt;
        synchronized (this) {
            v = check();
            checkedAt = at;
        }
        Instant now = clock.instant();
        OptionalLong live = sink.count();
        return b.status(v.valid())
                .withData("records", live.orElse(v.records()))
                .withData("recordsCounted", live.isPresent() ? "live" : "at chain check")
                .withData("chainCheckedAt", checkedAt.toString())
                .withData("chainCheckAgeSeconds", Duration.between(checkedAt, now).toSeconds())
                .withData("chainCheckedRecords", v.records())
                .withData("message", v.message() == null ? "ok" : v.message());
    }
}
