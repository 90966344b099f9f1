package dev.warden.core.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write path of a {@link JsonlAuditSink} (decisions 0027 and 0047): records are linked into their tenant's chain
 * by the calling thread, in the order they are queued; whichever thread holds the writer lock writes what is queued
 * as one batch, forces it once and signs the new heads once.
 *
 * <p><b>Head lag.</b> Where the platform names its boot ({@link BootId}), the signed head is rewritten after every
 * batch but forced only every {@link JsonlAuditSink#HEAD_LAG_RECORDS} records, at start, flush and close (0047).
 *
 * <p><b>Deferred records.</b> {@link #submit} with {@code wait == false} returns once the record is linked; the run's
 * next waiting append or the {@link JsonlFlusher} writes it. If its batch fails, every record linked after it fails
 * too, the chain is set back to what is on disk and the records' runs are remembered as failed ({@link FailedRuns}):
 * their next waiting append throws. Until a batch succeeds again, nothing more is deferred.
 *
 * <p><b>Commit delay</b> (0057, 0065): a writer — barrier or flusher — whose batch holds deferred records of runs
 * whose barrier is not queued yet waits for those barriers, parked and bounded ({@link JsonlArrivingRuns}), so they
 * share its forced write. Every barrier still returns only once its own record is durable.
 */
final class JsonlGroupCommit {
    /** Past this many runs remembered as failed, the sink refuses every append (fail closed) until some are forgotten. */
    static final int MAX_FAILED_RUNS = 10_000;
    /** A failed run is forgotten this long after its record was lost and after its last refused append. */
    static final long FAILED_RUN_TTL_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);

    private final String fileName;
    private final FileChannel channel;
    private final boolean fsync;
    private final boolean regular;
    private final JsonlHeadFile head;
    /** The boot heads are signed under; {@code null}: v1 heads, each forced. */
    private final String boot;
    private final Queue<QueuedRecord> queue = new ConcurrentLinkedQueue<>();
    /** Held while linking and queueing: the queue is in chain order. Guards chain and failedRuns. */
    private final ReentrantLock linking = new ReentrantLock();
    /** Held by the thread writing a batch; guards written, unforced and channel writes. */
    final ReentrantLock writer = new ReentrantLock();
    private final HashChain chain = new HashChain();
    private final FailedRuns failedRuns = new FailedRuns(MAX_FAILED_RUNS, FAILED_RUN_TTL_NANOS, System::nanoTime);
    /** The last batch failed: appends are not deferred until one succeeds (review of 0047, M3). */
    private volatile boolean lastBatchFailed;
    /** Heads of the records on disk. */
    private Map<String, HashChain.Head> written;
    private int unforced;
    private volatile IOException broken;
    private volatile long committed;
    private final JsonlFlusher flusher = new JsonlFlusher(this);
    private volatile boolean closing;
    /** Runs about to append their barrier (commit delay); guarded by linking. */
    private final JsonlArrivingRuns arriving;
    final JsonlCommitStats stats = new JsonlCommitStats();

    /**
     * @param adopting the open check adopted unsigned records past the signed heads: the head is then first signed
     *     by the batch that carries their {@code AUDIT_RECOVERY} notices, never before them (else a failed notice
     *     append would leave the adopted tail signed without a notice)
     */
    JsonlGroupCommit(String fileName, FileChannel channel, boolean fsync, boolean regular, JsonlHeadFile head,
            String boot, Map<String, HashChain.Head> heads, boolean adopting, long commitDelayNanos)
            throws IOException {
        this.arriving = new JsonlArrivingRuns(fsync ? commitDelayNanos : 0); // no forced write to share without fsync
        this.fileName = fileName;
        this.channel = channel;
        this.fsync = fsync;
        this.regular = regular;
        this.head = head;
        this.boot = head == null ? null : boot;
        heads.forEach((t, h) -> chain.restore(t, h.seq(), h.hash()));
        this.written = chain.heads();
        this.committed = regular ? channel.size() : Long.MAX_VALUE;
        if (head != null && !adopting && (this.boot != null || head.read().isEmpty())) {
            // forced at start: a later crash of the machine finds a head of this boot or one forced since
            head.write(written, this.boot, true);
        }
    }

    /** Length of the file up to the end of the last acknowledged line: how far readers read. */
    long committed() {
        return committed;
    }

    /**
     * Links {@code record} and queues it; with {@code wait}, returns once it is durable (and fails if an earlier
     * deferred record of its run was lost), else at once.
     *
     * @throws AuditWriteException if it was not (or, deferred, cannot be) persisted
     */
    DecisionRecord submit(DecisionRecord record, boolean wait) {
        boolean interrupted = Thread.interrupted(); // an interrupt would close the channel under every caller
        wait |= lastBatchFailed; // the caller learns now whether its record is durable, and no run is remembered
        QueuedRecord mine = link(record, wait);
        if (!wait) {
            stats.deferred.increment();
            flusher.wake();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return mine.linked;
        }
        stats.barriers.increment();
        boolean parked = false;
        while (!mine.done) {
            if (writer.tryLock()) {
                try {
                    interrupted |= !mine.done && awaitArrivingRuns();
                    while (!mine.done) { // a batch written by another thread may have taken it already
                        writeBatch();
                    }
                } finally {
                    unlockAndWakeNext();
                }
            } else {
                parked = true;
                LockSupport.parkNanos(this, 5_000_000L);
                interrupted |= Thread.interrupted();
            }
        }
        if (parked) {
            stats.parked.increment();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw new AuditWriteException(mine.failure, mine.cause);
        }
        String run = mine.linked.runId();
        if (run != null && runFailed(run)) {
            throw new AuditWriteException(runLost(run), broken);
        }
        return mine.linked;
    }

    private QueuedRecord link(DecisionRecord record, boolean wait) {
        linking.lock();
        try {
            if (closing) { // a record linked now would never be written
                throw new AuditWriteException("audit file " + fileName + " is closed", null);
            }
            if (broken != null) {
                throw new AuditWriteException("audit file " + fileName + " could not be restored after a failed"
                        + " write (" + broken.getMessage() + "): no further records until restart", broken);
            }
            if (record.runId() != null && failedRuns.refuses(record.runId())) { // not even linked: nothing to act on
                throw new AuditWriteException(runLost(record.runId()), broken);
            }
            if (failedRuns.full()) {
                throw new AuditWriteException("more than " + failedRuns.max() + " runs lost records to " + fileName
                        + " within the last hour: no further records until they are forgotten", broken);
            }
            HashChain.LinkedBytes l = chain.linkForFile(record);
            QueuedRecord p = new QueuedRecord(l.record(), l.line(), wait ? Thread.currentThread() : null);
            if (wait) { // a barrier is queued before its run stops being awaited: the woken writer finds it
                queue.add(p);
                arriving.queued(record.runId(), true);
            } else { // a deferred record's run is awaited before a writer can take (and forget) the record
                arriving.queued(record.runId(), false);
                queue.add(p);
            }
            return p;
        } catch (AuditWriteException e) {
            throw e;
        } catch (RuntimeException e) { // this record cannot be written; the chain is as it was
            throw new AuditWriteException("audit write failed: " + e.getMessage(), e);
        } finally {
            linking.unlock();
        }
    }

    private String runLost(String run) {
        return "an earlier audit record of run " + run + " could not be written to " + fileName
                + ": the run does not continue";
    }

    private boolean runFailed(String run) {
        linking.lock();
        try {
            return failedRuns.refuses(run);
        } finally {
            linking.unlock();
        }
    }

    /** Releases the writer lock; the oldest queued caller (or the flusher) then writes what queued meanwhile. */
    void unlockAndWakeNext() {
        writer.unlock();
        QueuedRecord next = queue.peek();
        if (next != null) {
            if (next.caller != null) {
                LockSupport.unpark(next.caller);
            } else {
                flusher.wake();
            }
        }
    }

    /** No record is queued (the flusher's test for work). */
    boolean nothingQueued() {
        return queue.isEmpty();
    }

    /** The commit delay before a batch (writer lock held); returns whether the thread was interrupted meanwhile. */
    private boolean awaitArrivingRuns() {
        if (!arriving.any()) {
            return false;
        }
        stats.delayed.increment();
        return arriving.await(queue::size, JsonlAuditSink.MAX_BATCH);
    }

    /**
     * The flusher: writes everything queued, under the writer lock; failures are already failed closed inside. Like a
     * barrier, it first waits for runs about to arrive (decision 0065: under load it writes most batches, since it
     * keeps writing what queued during its own forced write). It is never interrupted.
     */
    void flushQueued() {
        writer.lock();
        try {
            while (!queue.isEmpty()) {
                awaitArrivingRuns();
                stats.flusherBatches.increment();
                writeBatch();
            }
        } catch (RuntimeException | Error e) { // already failed closed inside writeBatch; keep serving
            System.getLogger(JsonlAuditSink.class.getName()).log(System.Logger.Level.ERROR, "audit flush failed", e);
        } finally {
            unlockAndWakeNext();
        }
    }

    /** Writes, forces and signs everything queued (up to {@link JsonlAuditSink#MAX_BATCH}); writer lock held. */
    private void writeBatch() {
        List<QueuedRecord> batch = new ArrayList<>();
        for (QueuedRecord p; batch.size() < JsonlAuditSink.MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            writeBatch(batch);
        } finally {
            if (batch.stream().anyMatch(p -> !p.done)) { // an Error escaped: the chain state is unknown, fail closed
                broken = new IOException("unexpected error while writing a batch");
                failFrom(batch, "audit write failed: " + broken, broken);
            }
        }
    }

    private void writeBatch(List<QueuedRecord> batch) {
        if (broken != null) {
            failFrom(batch, "audit file " + fileName + " could not be restored after a failed write ("
                    + broken.getMessage() + "): no further records until restart", broken);
            return;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * 1024);
        Map<String, HashChain.Head> next = new HashMap<>(written);
        for (QueuedRecord p : batch) {
            lines.writeBytes(p.line);
            next.put(HashChain.tenantKey(p.linked.tenant()), new HashChain.Head(p.linked.seq(), p.linked.hash()));
        }
        long before = -1;
        boolean forceHead = false;
        try {
            before = regular ? channel.size() : -1;
            ByteBuffer buf = ByteBuffer.wrap(lines.toByteArray());
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
            if (head != null) { // after the records are durable: the head never names a record not on disk
                forceHead = boot == null || unforced + batch.size() >= JsonlAuditSink.HEAD_LAG_RECORDS;
                head.write(next, boot, forceHead);
            }
        } catch (IOException | RuntimeException e) {
            cutBack(before, e instanceof JsonlHeadFile.ReplacedException);
            failFrom(batch, "audit write failed: " + e.getMessage(), e);
            return;
        }
        unforced = forceHead ? 0 : unforced + batch.size();
        written = Map.copyOf(next);
        if (regular) {
            committed = before + lines.size();
        }
        lastBatchFailed = false;
        stats.batches.increment();
        stats.records.add(batch.size());
        forgetAwaited(batch);
        batch.forEach(QueuedRecord::complete);
    }

    /** The deferred records of {@code batch} are durable: their runs are no longer awaited. */
    private void forgetAwaited(List<QueuedRecord> batch) {
        if (!arriving.any()) {
            return;
        }
        linking.lock();
        try {
            arriving.written(batch);
        } finally {
            linking.unlock();
        }
    }

    /**
     * Fails {@code batch} and every record queued after it (linked on top of it), sets the chain back to what is on
     * disk and remembers the runs of deferred records among them.
     */
    private void failFrom(List<QueuedRecord> batch, String why, Throwable cause) {
        linking.lock();
        try {
            List<QueuedRecord> all = new ArrayList<>(batch);
            for (QueuedRecord p; (p = queue.poll()) != null; ) {
                all.add(p);
            }
            chain.resetTo(written);
            lastBatchFailed = true;
            arriving.clear(); // nothing is queued any more
            for (QueuedRecord p : all) {
                if (p.caller == null && p.linked.runId() != null) {
                    failedRuns.add(p.linked.runId());
                }
                if (!p.done) {
                    p.fail(why, cause);
                }
            }
        } finally {
            linking.unlock();
        }
    }

    /** Removes a partly or wholly written batch and restores the signed head; if that fails, refuses further appends. */
    private void cutBack(long size, boolean headReplaced) {
        if (size < 0) {
            return;
        }
        try {
            if (channel.size() > size) {
                channel.truncate(size);
                channel.force(false);
            }
            if (headReplaced) {
                head.write(written, boot, true);
            }
        } catch (IOException | RuntimeException e) {
            broken = e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** Records on disk, from the chain heads. Writer lock taken. */
    long count() {
        writer.lock();
        try {
            return written.values().stream().mapToLong(HashChain.Head::seq).sum();
        } finally {
            unlockAndWakeNext();
        }
    }

    /** Writes everything queued, forces the file and, if it lags, the signed head. */
    void flush(boolean closed) throws IOException {
        writer.lock();
        try {
            while (!queue.isEmpty()) {
                writeBatch();
            }
            channel.force(false);
            if (head != null && boot != null && (unforced > 0 || closed)) {
                head.write(written, closed ? JsonlHeadFile.CLOSED : boot, true);
                unforced = 0;
            }
        } finally {
            unlockAndWakeNext();
        }
    }

    /** Stops the flusher, writes what is queued, signs the head as cleanly closed and closes the file. */
    void close() throws IOException {
        closing = true;
        flusher.stop();
        flush(true);
        System.getLogger(JsonlAuditSink.class.getName()).log(System.Logger.Level.INFO, "audit file {0}: {1}",
                fileName, stats);
        writer.lock();
        try {
            channel.close();
        } finally {
            writer.unlock();
        }
    }

    long flusherWakeups() {
        return flusher.wakeups();
    }
}
