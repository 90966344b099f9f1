package dev.warden.quarkus.postgres;

import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.AuditWriteException;
import dev.warden.core.audit.CanonicalJson;
import dev.warden.core.audit.ChainVerification;
import dev.warden.core.audit.DecisionRecord;
import dev.warden.spi.AuditSink;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The production {@link AuditSink}: decision records in PostgreSQL, hash-chained per tenant, written by one writer
 * thread that group-commits whatever has queued up (see {@link AuditDurability} for when {@link #append} returns).
 * Several replicas may share the tables: each transaction locks the heads of its tenants, so chains stay linear.
 *
 * <p>Threading: every method may block and must be called from a worker or virtual thread; on a Vert.x event loop it
 * throws ({@link PostgresStoreCodes#EVENT_LOOP_BLOCKED}). The tables must exist ({@link WardenPostgresSchema}).
 *
 * <pre>{@code
 * AuditSink sink = new PostgresAuditStore(pool, AuditStoreOptions.defaults().withHeadKey(key));
 * DecisionRecord committed = sink.append(record); // returns after COMMIT in sync mode
 * }</pre>
 */
public final class PostgresAuditStore implements AuditSink {
    private static final System.Logger LOG = System.getLogger(PostgresAuditStore.class.getName());
    private static final String DEFAULT_TENANT = "default";

    private final Pool pool;
    private final AuditStoreOptions options;
    private final AuditSql sql;
    private final HeadSigner signer;
    private final AuditQueue queue;
    private volatile boolean closed;

    /** Starts the writer thread. The pool stays owned by the caller (closing the store does not close it). */
    public PostgresAuditStore(Pool pool, AuditStoreOptions options) {
        this.pool = pool;
        this.options = options;
        this.sql = new AuditSql(options.schema());
        this.signer = new HeadSigner(options.headKey());
        this.queue = new AuditQueue(new AuditBatchWriter(pool, sql, signer), options);
    }

    public AuditStoreOptions options() {
        return options;
    }

    /**
     * In {@code SYNC} mode returns the committed record with its chain fields; in {@code ASYNC} mode returns the
     * record as queued (no chain fields yet). A record with no tenant is chained as tenant {@code default}.
     *
     * @throws AuditWriteException if the record was not committed (sync), the queue stayed full, or the store is closed
     */
    @Override
    public DecisionRecord append(DecisionRecord record) {
        Blocking.refuseEventLoop("PostgresAuditStore.append");
        if (closed) {
            throw (AuditWriteException) AuditQueue.closed();
        }
        DecisionRecord r = record.tenant() == null ? withTenant(record, DEFAULT_TENANT) : record;
        CompletableFuture<DecisionRecord> done = new CompletableFuture<>();
        AuditQueue.Pending pending = new AuditQueue.Pending(r, done);
        enqueue(pending);
        if (closed && queue.withdraw(pending)) { // lost a race with close(): no writer will take it
            throw (AuditWriteException) AuditQueue.closed();
        }
        return options.durability() == AuditDurability.ASYNC ? r : await(done, options.appendTimeout());
    }

    private void enqueue(AuditQueue.Pending pending) {
        try {
            if (!queue.offer(pending, options.appendTimeout())) {
                throw new AuditWriteException(PostgresStoreCodes.message(PostgresStoreCodes.AUDIT_QUEUE_FULL,
                        "audit queue full for " + options.appendTimeout() + " (database too slow or down)"), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditWriteException(PostgresStoreCodes.message(PostgresStoreCodes.AUDIT_WRITE_FAILED,
                    "interrupted while queueing a decision record"), e);
        }
    }

    private static DecisionRecord await(CompletableFuture<DecisionRecord> done, Duration timeout) {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditWriteException w ? w : (AuditWriteException) AuditQueue.writeFailed(
                    e.getCause());
        } catch (TimeoutException e) {
            throw (AuditWriteException) AuditQueue.writeFailed(new TimeoutException("no commit within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (AuditWriteException) AuditQueue.writeFailed(e);
        }
    }

    /** Waits until every record queued before this call is committed (or failed, in sync mode). */
    @Override
    public void flush() {
        Blocking.refuseEventLoop("PostgresAuditStore.flush");
        if (closed) {
            return;
        }
        CompletableFuture<DecisionRecord> marker = new CompletableFuture<>();
        enqueue(new AuditQueue.Pending(null, marker));
        Duration wait = options.appendTimeout().multipliedBy(3);
        try {
            marker.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw (AuditWriteException) AuditQueue.writeFailed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (AuditWriteException) AuditQueue.writeFailed(e);
        }
    }

    /** Flushes, then stops the writer; records that could not be written by then are counted in the log. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int lost = queue.stop(options.appendTimeout().multipliedBy(3));
            if (lost > 0) {
                LOG.log(Level.ERROR, lost + " queued decision records could not be written before shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records still waiting for the writer. */
    public int backlog() {
        return queue.backlog();
    }

    /** Verifies every chain against the stored (signed) heads; see {@link #verify(Collection)}. */
    @Override
    public ChainVerification verify() {
        return verify(List.of());
    }

    /**
     * Verifies every tenant's chain from one snapshot, streaming the rows: links, query columns, the stored head and
     * its signature, and the {@code anchors} (heads copied out earlier with {@link #heads()}), which the chain must
     * still contain with the same hash.
     */
    public ChainVerification verify(Collection<SignedHead> anchors) {
        Blocking.refuseEventLoop("PostgresAuditStore.verify");
        Map<String, SignedHead> anchorOf = new HashMap<>();
        anchors.forEach(a -> anchorOf.merge(a.tenant(), a, (x, y) -> x.seq() >= y.seq() ? x : y));
        return inSnapshot((conn, timeout) -> {
            Map<String, SignedHead> heads = new HashMap<>();
            for (Row h : Blocking.await(conn.query(sql.readHeads).execute(), timeout, PostgresAuditStore::readFailed)) {
                heads.put(h.getString("tenant"), headOf(h));
            }
            var rows = new ChainPages(conn, sql.streamRecords, null, ChainPages.PAGE, timeout,
                    PostgresAuditStore::readFailed);
            return new AuditChainCheck(rows, anchorOf).run(heads, signer);
        });
    }

    /**
     * Writes the records of {@code tenant} ({@code null}: every tenant) in chain order as JSON Lines, exactly as they
     * were hashed: the {@code JsonlAuditSink} format, verifiable offline with {@code HashChainVerifier}. Streams from
     * one snapshot; returns the number of records written.
     */
    public long exportJsonl(String tenant, Writer out) {
        Blocking.refuseEventLoop("PostgresAuditStore.exportJsonl");
        return streamStored(tenant, stored -> {
            try {
                out.write(stored);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("audit export: " + e.getMessage(), e);
            }
        });
    }

    /** Streams the records of {@code tenant} ({@code null}: all) in chain order from one snapshot. */
    @Override
    public long forEachRecord(String tenant, java.util.function.Consumer<? super DecisionRecord> action) {
        Blocking.refuseEventLoop("PostgresAuditStore.forEachRecord");
        return streamStored(tenant, stored -> {
            try {
                action.accept(CanonicalJson.MAPPER.readValue(stored, DecisionRecord.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw readFailed(e); // never skipped: an unreadable record may hide tampering
            }
        });
    }

    private long streamStored(String tenant, java.util.function.Consumer<String> action) {
        return inSnapshot((conn, timeout) -> {
            var rows = new ChainPages(conn, sql.exportRecords, tenant, ChainPages.PAGE, timeout,
                    PostgresAuditStore::readFailed);
            long n = 0;
            while (rows.hasNext()) {
                action.accept(rows.next().getString("record"));
                n++;
            }
            return n;
        });
    }

    /** Runs {@code work} in a read-only REPEATABLE READ transaction (one consistent snapshot) on its own connection. */
    private <T> T inSnapshot(java.util.function.BiFunction<SqlConnection, Duration, T> work) {
        Duration timeout = options.appendTimeout();
        SqlConnection conn = Blocking.await(pool.getConnection(), timeout, PostgresAuditStore::readFailed);
        try {
            Blocking.await(conn.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute(), timeout,
                    PostgresAuditStore::readFailed);
            return work.apply(conn, timeout);
        } finally {
            conn.query("ROLLBACK").execute().onComplete(x -> conn.close());
        }
    }

    /** Every tenant's current chain head, to anchor outside the database. */
    public List<SignedHead> heads() {
        Blocking.refuseEventLoop("PostgresAuditStore.heads");
        List<SignedHead> out = new ArrayList<>();
        for (Row h : Blocking.await(pool.query(sql.readHeads).execute(), options.appendTimeout(),
                PostgresAuditStore::readFailed)) {
            out.add(headOf(h));
        }
        return out;
    }

    /** The sum of the stored tenant heads' sequence numbers (one small query, not a read of the trail). */
    @Override
    public java.util.OptionalLong count() {
        return java.util.OptionalLong.of(heads().stream().mapToLong(SignedHead::seq).sum());
    }

    /** Matching records, oldest first, newest {@code limit} kept; filters run on the hashed record as well. */
    @Override
    public List<DecisionRecord> query(AuditFilter filter) {
        Blocking.refuseEventLoop("PostgresAuditStore.query");
        Tuple params = Tuple.tuple().addString(filter.tenant()).addString(filter.runId()).addString(filter.userId())
                .addString(filter.agentId())
                .addOffsetDateTime(filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC))
                .addOffsetDateTime(filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC))
                .addString(filter.tool()).addString(filter.decision())
                .addInteger(filter.limit());
        List<DecisionRecord> out = new ArrayList<>();
        for (Row row : Blocking.await(pool.preparedQuery(sql.query).execute(params), options.appendTimeout(),
                PostgresAuditStore::readFailed)) {
            try {
                DecisionRecord r = CanonicalJson.MAPPER.readValue(row.getString("record"), DecisionRecord.class);
                if (filter.matches(r)) {
                    out.add(r);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw readFailed(e); // never skipped: an unreadable record may hide tampering
            }
        }
        Collections.reverse(out);
        return out;
    }

    private static SignedHead headOf(Row h) {
        return new SignedHead(h.getString("tenant"), h.getLong("seq"), h.getString("hash"), h.getString("mac"));
    }

    static RuntimeException readFailed(Throwable cause) {
        return new IllegalStateException(PostgresStoreCodes.message(PostgresStoreCodes.READ_FAILED,
                "cannot read the audit trail: " + cause.getMessage()), cause);
    }

    private static DecisionRecord withTenant(DecisionRecord r, String tenant) {
        return new DecisionRecord(r.seq(), tenant, r.prevHash(), r.hash(), r.time(), r.traceId(), r.spanId(),
                r.runId(), r.step(), r.checkpoint(), r.userId(), r.agentId(), r.chain(), r.tool(), r.toolCallId(),
                r.argsDigest(), r.args(), r.contentDigest(), r.outcome(), r.code(), r.reason(), r.ruleIds(),
                r.policies(), r.planes(), r.labelsBefore(), r.labelsAfter(), r.latencyMicros());
    }
}
