package dev.warden.core.audit;

import dev.warden.spi.AuditSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Appends to the durable sink first and then mirrors the chained record to OpenTelemetry logs. A failure of the
 * mirror is counted and logged (the first time and every 1,000th), never propagated: the decision is already on
 * durable storage, and an unreachable log pipeline must not stop governed work. Everything else delegates.
 */
final class LogMirroringAuditSink implements AuditSink {
    private static final System.Logger LOG = System.getLogger(LogMirroringAuditSink.class.getName());

    private final AuditSink delegate;
    private final AuditLogExporter exporter;
    private final AtomicLong failures = new AtomicLong();

    LogMirroringAuditSink(AuditSink delegate, AuditLogExporter exporter) {
        this.delegate = delegate;
        this.exporter = exporter;
    }

    @Override
    public DecisionRecord append(DecisionRecord record) {
        return mirror(delegate.append(record));
    }

    /** Mirrored once linked: if the store then loses it, the run's next barrier fails (decision 0047). */
    @Override
    public DecisionRecord appendLinked(DecisionRecord record) {
        return mirror(delegate.appendLinked(record));
    }

    private DecisionRecord mirror(DecisionRecord durable) {
        try {
            exporter.emit(durable);
        } catch (RuntimeException e) {
            long n = failures.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.log(System.Logger.Level.WARNING, "audit record not mirrored to OpenTelemetry logs (" + n
                        + " so far; the durable audit store has it): " + e);
            }
        }
        return durable;
    }

    /** Records that could not be mirrored since start. */
    long mirrorFailures() {
        return failures.get();
    }

    @Override
    public ChainVerification verify() {
        return delegate.verify();
    }

    @Override
    public java.util.OptionalLong count() {
        return delegate.count();
    }

    @Override
    public List<DecisionRecord> query(AuditFilter filter) {
        return delegate.query(filter);
    }

    @Override
    public long forEachRecord(String tenant, Consumer<? super DecisionRecord> action) {
        return delegate.forEachRecord(tenant, action);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate + " mirrored to OpenTelemetry logs";
    }
}
