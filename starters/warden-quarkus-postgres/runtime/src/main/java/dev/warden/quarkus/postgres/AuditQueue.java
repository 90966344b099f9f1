package dev.warden.quarkus.postgres;

import dev.warden.core.audit.DecisionRecord;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bounded queue between appenders and the database, drained by one writer thread. Whatever has queued up while
 * the previous transaction ran goes into the next one (group commit): under load, batches grow and the cost of a
 * commit is shared; alone, a record is written at once.
 *
 * <p>In sync mode a failed batch fails every caller in it (none of their decisions is acted on). In async mode the
 * writer retries the batch until it commits, and the full queue pushes back on appenders.
 */
final class AuditQueue {
    private static final System.Logger LOG = System.getLogger(AuditQueue.class.getName());

    /** A queued record and its caller's completion; a {@code null} record is a flush marker. */
    record Pending(DecisionRecord record, CompletableFuture<DecisionRecord> done) {}

    private final BlockingQueue<Pending> queue;
    private final AuditBatchWriter writer;
    private final int maxBatch;
    private final boolean retry;
    private final Duration commitTimeout;
    private final Thread thread;
    private volatile boolean stopping;

    AuditQueue(AuditBatchWriter writer, AuditStoreOptions options) {
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = writer;
        this.maxBatch = options.maxBatch();
        this.retry = options.durability() == AuditDurability.ASYNC;
        this.commitTimeout = options.appendTimeout();
        this.thread = new Thread(this::drain, "warden-audit-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code p}, waiting up to {@code timeout} for space; false if the queue stayed full. */
    boolean offer(Pending p, Duration timeout) throws InterruptedException {
        return queue.offer(p, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes {@code p} back if the writer has not picked it up yet. */
    boolean withdraw(Pending p) {
        return queue.remove(p);
    }

    int backlog() {
        return queue.size();
    }

    /** Stops the writer once the queue is empty, waiting up to {@code timeout}; returns records left unwritten. */
    int stop(Duration timeout) throws InterruptedException {
        stopping = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(1000);
        }
        int left = queue.size();
        List<Pending> abandoned = new ArrayList<>();
        queue.drainTo(abandoned);
        abandoned.forEach(p -> p.done().completeExceptionally(closed()));
        return left;
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!(stopping && queue.isEmpty())) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.done().completeExceptionally(closed()));
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) throws InterruptedException {
        List<DecisionRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.record() != null) {
                records.add(p.record());
            }
        }
        long backoff = 50;
        while (true) {
            try {
                // callers are released from the pool's callback, not after this thread woke up as well
                List<DecisionRecord> linked = records.isEmpty() ? List.of()
                        : Blocking.await(writer.write(records).onSuccess(l -> release(batch, l)), commitTimeout,
                                AuditQueue::writeFailed);
                release(batch, linked);
                return;
            } catch (RuntimeException e) {
                if (!retry || Thread.currentThread().isInterrupted()) {
                    batch.forEach(p -> p.done().completeExceptionally(e));
                    return;
                }
                LOG.log(Level.WARNING, "audit batch of " + records.size() + " records not committed, retrying in "
                        + backoff + " ms: " + e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    /** Completes each caller of {@code batch} with its linked record (again: a no-op). */
    private static void release(List<Pending> batch, List<DecisionRecord> linked) {
        int i = 0;
        for (Pending p : batch) {
            p.done().complete(p.record() == null ? null : linked.get(i++));
        }
    }

    static RuntimeException writeFailed(Throwable cause) {
        return new dev.warden.core.audit.AuditWriteException(PostgresStoreCodes.message(
                PostgresStoreCodes.AUDIT_WRITE_FAILED, "decision record not committed: " + cause.getMessage()), cause);
    }

    static RuntimeException closed() {
        return new dev.warden.core.audit.AuditWriteException(PostgresStoreCodes.message(
                PostgresStoreCodes.AUDIT_STORE_CLOSED, "the PostgreSQL audit store is closed"), null);
    }
}
