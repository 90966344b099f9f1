package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0057, the commit delay: a barrier about to write deferred records of runs whose barrier is not queued yet
 * waits (bounded) for those barriers, so that they share its forced write; a writer with nothing to wait for does not
 * wait at all.
 */
class JsonlCommitDelayTest {
    @TempDir
    Path dir;

    private JsonlAuditSink open(Duration delay) {
        return new JsonlAuditSink(dir.resolve("decisions.jsonl"), JsonlAuditOptions.signed(true,
                JsonlSignedHeadTest.KEY).withCommitDelay(delay));
    }

    @Test
    void a_barrier_waits_for_the_run_whose_deferred_record_it_writes_and_their_records_share_one_forced_write()
            throws Exception {
        try (JsonlAuditSink sink = open(Duration.ofSeconds(30))) {
            JsonlCommitStats stats = sink.commit().stats;
            int shared = 0;
            // the flusher writes a deferred record on its own after 2 ms; on a loaded machine run-a's barrier may come
            // later than that, and then there is nothing to wait for: try again
            for (int attempt = 0; attempt < 20 && shared == 0; attempt++) {
                String b = "run-b" + attempt;
                String a0 = "run-a" + attempt;
                sink.appendLinked(JsonlAuditSinkTest.record("t1", b, "ALLOW"));
                long delayedBefore = stats.delayed.sum();
                long barriersBefore = stats.barriers.sum();
                long batchesBefore = stats.batches.sum();
                CompletableFuture<DecisionRecord> a = CompletableFuture.supplyAsync(
                        () -> sink.append(JsonlAuditSinkTest.record("t1", a0, "ALLOW")));
                // run-a's barrier is queued and a writer (run-a's thread, or since 0065 the flusher) waits for run-b
                while (!a.isDone()
                        && (stats.delayed.sum() == delayedBefore || stats.barriers.sum() == barriersBefore)) {
                    Thread.onSpinWait();
                }
                if (a.isDone()) {
                    continue; // the flusher had written run-b's record: nothing was awaited
                }
                long beforeBarrier = System.nanoTime();
                DecisionRecord barrier = sink.append(JsonlAuditSinkTest.record("t1", b, "ALLOW"));
                DecisionRecord other = a.get(60, TimeUnit.SECONDS);
                assertThat(System.nanoTime() - beforeBarrier).as("ended by the barrier, not by the delay")
                        .isLessThan(TimeUnit.SECONDS.toNanos(20));
                assertThat(stats.batches.sum() - batchesBefore).as("one forced write for all three records")
                        .isEqualTo(1);
                assertThat(barrier.seq()).isGreaterThan(other.seq());
                shared++;
            }
            assertThat(shared).as("the waiting writer was exercised").isEqualTo(1);
            assertThat(sink.verify().valid()).isTrue();
        }
    }

    /**
     * Decision 0065: the flusher, which writes most batches under load, waits like a barrier. Before, it wrote run-b's
     * deferred record alone once its linger passed, and run-b's barrier needed a second forced write.
     */
    @Test
    void the_flusher_waits_for_the_barrier_of_the_run_whose_deferred_record_it_writes() throws Exception {
        try (JsonlAuditSink sink = open(Duration.ofSeconds(30))) {
            JsonlCommitStats stats = sink.commit().stats;
            sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-b", "ALLOW"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (stats.delayed.sum() == 0 && stats.batches.sum() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1); // the flusher lingers 2 ms, then either waits for run-b or writes its record
            }
            long beforeBarrier = System.nanoTime();
            DecisionRecord barrier = sink.append(JsonlAuditSinkTest.record("t1", "run-b", "ALLOW"));
            assertThat(System.nanoTime() - beforeBarrier).as("ended by the barrier, not by the delay")
                    .isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(stats.batches.sum()).as("one forced write for both records of run-b").isEqualTo(1);
            assertThat(stats.flusherBatches.sum()).as("written by the flusher, which waited").isEqualTo(1);
            assertThat(barrier.seq()).isEqualTo(2);
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(2));
        }
    }

    @Test
    void a_writer_with_no_other_run_to_wait_for_does_not_wait() {
        try (JsonlAuditSink sink = open(Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            sink.append(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
            sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
            sink.append(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW")); // its own run's deferred record
            sink.append(JsonlAuditSinkTest.record("t1", null, "ALLOW"));
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(20));
            assertThat(sink.commit().stats.delayed.sum()).isZero();
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(4));
        }
    }

    @Test
    void a_run_whose_barrier_never_comes_delays_a_batch_only_up_to_the_commit_delay() {
        JsonlArrivingRuns arriving = new JsonlArrivingRuns(TimeUnit.MILLISECONDS.toNanos(300));
        arriving.queued("run-b", false);
        long start = System.nanoTime();
        arriving.await(() -> 1, JsonlAuditSink.MAX_BATCH);
        long waited = System.nanoTime() - start;
        assertThat(waited).isBetween(TimeUnit.MILLISECONDS.toNanos(300), TimeUnit.SECONDS.toNanos(10));
        arriving.written(List.of(new QueuedRecord(JsonlAuditSinkTest.record("t1", "run-b", "ALLOW"), new byte[0],
                null)));
        assertThat(arriving.any()).as("a written deferred record is no longer awaited").isFalse();
    }

    @Test
    void the_barrier_of_the_last_awaited_run_ends_the_wait_at_once() throws Exception {
        JsonlArrivingRuns arriving = new JsonlArrivingRuns(TimeUnit.SECONDS.toNanos(30));
        arriving.queued("run-b", false);
        arriving.queued("run-c", false);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> arriving.await(() -> 2, 64));
        arriving.queued("run-b", true);
        arriving.queued("run-c", true);
        assertThat(waiter.get(20, TimeUnit.SECONDS)).as("not interrupted").isFalse();
        assertThat(arriving.any()).isFalse();
    }
}
