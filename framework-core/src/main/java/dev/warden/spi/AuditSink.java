package dev.warden.spi;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import java.util.List;

/**
 * Where decision records go. One record per checkpoint, appended in decision order.
 *
 * <p>{@link #append} returns only once the record is as durable as the sink promises; if it throws, the runtime does
 * not act on the decision (a decision that cannot be audited is not carried out). Implementations assign the
 * per-tenant hash chain and must be thread-safe.
 */
public interface AuditSink extends AutoCloseable {

    /** Appends a record and returns it with its chain fields ({@code seq}, {@code prevHash}, {@code hash}). */
    DecisionRecord append(DecisionRecord record);

    /**
     * Appends a record and returns it with its chain fields, possibly <em>before</em> it is durable ("effect"
     * durability, decision 0047). The runtime calls it only for records after which nothing leaves the runtime before
     * another record of the same run is appended with {@link #append}. That later {@link #append} is the barrier: it
     * returns only once every earlier record of the run ({@link DecisionRecord#runId()}) is as durable as
     * {@link #append} promises, and throws if one of them could not be written, so the effect it guards never
     * happens.
     *
     * <p>The default appends durably ({@link #append}), which meets this contract; sinks override it to return
     * earlier. Records without a run id must be appended durably.
     */
    default DecisionRecord appendLinked(DecisionRecord record) {
        return append(record);
    }

    /** Recomputes the chain over everything stored. */
    ChainVerification verify();

    /**
     * Reads records back, oldest first, for the audit API and forensics. Sinks that cannot be read (a remote
     * log shipper, say) keep the default, which refuses.
     *
     * @throws UnsupportedOperationException if this sink is write-only
     */
    default List<DecisionRecord> query(AuditFilter filter) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be queried");
    }

    /**
     * Streams the stored records of {@code tenant} ({@code null}: every tenant) in chain order, exactly as they were
     * hashed, to {@code action} — for exports (JSON Lines, OpenTelemetry log records) and backfills of a SIEM.
     * Records appended while the export runs may or may not be included. Write-only sinks keep the default, which
     * refuses.
     *
     * @return the number of records passed to {@code action}
     * @throws UnsupportedOperationException if this sink cannot be read
     */
    default long forEachRecord(String tenant, java.util.function.Consumer<? super DecisionRecord> action) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be exported");
    }

    /**
     * How many records are stored right now, cheaply enough for a readiness probe (from the chain heads, not a read
     * of the trail). Empty if the sink cannot tell (the default); callers then fall back to the last {@link #verify()}.
     */
    default java.util.OptionalLong count() {
        return java.util.OptionalLong.empty();
    }

    /** Flushes buffered records; default no-op. */
    default void flush() {}

    @Override
    default void close() {
        flush();
    }
}
