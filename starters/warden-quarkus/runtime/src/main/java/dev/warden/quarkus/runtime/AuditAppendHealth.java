package dev.warden.quarkus.runtime;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watches the Governor's appends to the audit trail, so that the service says why it refuses every decision while the
 * store cannot write (a full disk, a database down or too slow): the first failure of a streak is logged as an error
 * with its cause, readiness reports the store down with that cause until an append succeeds again (or, with no
 * traffic, for {@link #WINDOW} after the last failure, so that a probe lets a request through to try), and the
 * recovery is logged. It only observes: an append that fails still fails, and the Governor still refuses.
 */
@Singleton
public class AuditAppendHealth {
    private static final Logger LOG = Logger.getLogger(AuditAppendHealth.class);
    /** How long a failed append keeps readiness down without a later success. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    private final Clock clock;
    private String lastError;
    private Instant lastFailure;
    private long failures;

    public AuditAppendHealth(Clock clock) {
        this.clock = clock;
    }

    /** The cause of the latest failed append, if it is not followed by a success and is younger than the window. */
    synchronized String failing() {
        if (lastFailure == null || !clock.instant().isBefore(lastFailure.plus(WINDOW))) {
            return null;
        }
        return lastError + " (" + failures + " failed append" + (failures == 1 ? "" : "s") + " since "
                + lastFailure + ")";
    }

    private synchronized void failed(RuntimeException e) {
        if (lastError == null) {
            LOG.errorf("audit trail cannot be written, so decisions are refused (fail closed) until it recovers: %s",
                    e.getMessage());
        }
        lastError = e.getMessage();
        lastFailure = clock.instant();
        failures++;
    }

    private synchronized void succeeded() {
        if (lastError != null) {
            LOG.infof("audit trail writable again after %d failed append(s)", failures);
            lastError = null;
            lastFailure = null;
            failures = 0;
        }
    }

    /** {@code sink}, reporting each append's outcome here. */
    AuditSink watching(AuditSink sink) {
        return new AuditSink() {
            @Override
            public DecisionRecord append(DecisionRecord record) {
                DecisionRecord r;
                try {
                    r = sink.append(record);
                } catch (RuntimeException e) {
                    failed(e);
                    throw e;
                }
                succeeded();
                return r;
            }

            /** Only a failure is reported: a linked record is not yet a durable success (decision 0047). */
            @Override
            public DecisionRecord appendLinked(DecisionRecord record) {
                try {
                    return sink.appendLinked(record);
                } catch (RuntimeException e) {
                    failed(e);
                    throw e;
                }
            }

            @Override
            public List<DecisionRecord> query(AuditFilter filter) {
                return sink.query(filter);
            }

            @Override
            public long forEachRecord(String tenant, Consumer<? super DecisionRecord> action) {
                return sink.forEachRecord(tenant, action);
            }

            @Override
            public ChainVerification verify() {
                return sink.verify();
            }

            @Override
            public java.util.OptionalLong count() {
                return sink.count();
            }

            @Override
            public void flush() {
                sink.flush();
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }
}
