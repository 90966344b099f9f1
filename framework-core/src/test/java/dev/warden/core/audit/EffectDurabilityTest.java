package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 0047, {@code effect} durability at the sink: {@link JsonlAuditSink#appendLinked} returns before the record
 * is durable; the run's next {@link JsonlAuditSink#append} is the barrier — it returns only once the run's earlier
 * records are on disk, and throws if one of them was lost, so the effect it guards never happens.
 */
class EffectDurabilityTest {
    @TempDir
    Path dir;

    private JsonlAuditSink open() {
        return new JsonlAuditSink(dir.resolve("decisions.jsonl"), JsonlAuditOptions.signed(true,
                JsonlSignedHeadTest.KEY));
    }

    private List<DecisionRecord> onDisk() throws Exception {
        return Files.readAllLines(dir.resolve("decisions.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(JsonlGroupCommitTest::parse).toList();
    }

    @Test
    void a_deferred_record_is_on_disk_in_chain_order_when_the_runs_next_append_returns() throws Exception {
        try (JsonlAuditSink sink = open()) {
            DecisionRecord deferred = sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
            assertThat(deferred.seq()).as("linked at once").isEqualTo(1L);
            DecisionRecord barrier = sink.append(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
            assertThat(barrier.prevHash()).isEqualTo(deferred.hash());
            assertThat(onDisk()).extracting(DecisionRecord::hash).containsExactly(deferred.hash(), barrier.hash());
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(2));
        }
    }

    @Test
    void a_lost_deferred_record_fails_its_runs_next_append_and_leaves_other_runs_and_the_chain_intact()
            throws Exception {
        HeadWriteFault fault = new HeadWriteFault(dir);
        try (JsonlAuditSink sink = open()) {
            sink.append(JsonlAuditSinkTest.record("t1", "run-before", "ALLOW"));
            fault.block(); // the batch cannot be signed: a real file-system failure
            DecisionRecord lost = sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
            assertThat(lost.seq()).as("the caller got a linked record and went on").isEqualTo(2L);
            try {
                sink.flush(); // the deferred record's batch has been tried (and failed) by now
            } catch (AuditWriteException expected) { // forcing the lagging head fails too while the disk does
            }
            fault.unblock(); // the disk recovered

            assertThatThrownBy(() -> sink.append(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW")))
                    .as("the run's barrier: the effect it guards must not happen")
                    .isInstanceOf(AuditWriteException.class).hasMessageContaining("run-a");
            assertThatThrownBy(() -> sink.append(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW")))
                    .as("and every later one of that run").isInstanceOf(AuditWriteException.class);

            DecisionRecord other = sink.append(JsonlAuditSinkTest.record("t1", "run-b", "ALLOW"));
            assertThat(onDisk()).extracting(DecisionRecord::runId).containsExactly("run-before", "run-b");
            assertThat(onDisk().stream().filter(r -> r.hash().equals(lost.hash()))).as("the lost record").isEmpty();
            assertThat(other.prevHash()).as("the chain continues from what is on disk")
                    .isEqualTo(onDisk().get(0).hash());
            assertThat(sink.verify().valid()).isTrue();
        }
        try (JsonlAuditSink reopened = open()) {
            assertThat(reopened.verify().valid()).isTrue();
        }
    }

    @Test
    void records_without_a_run_are_never_deferred() throws Exception {
        try (JsonlAuditSink sink = open(); HeadWriteFault fault = new HeadWriteFault(dir).block()) {
            assertThatThrownBy(() -> sink.appendLinked(JsonlAuditSinkTest.record("t1", null, "ALLOW")))
                    .as("nothing could name the barrier that waits for it").isInstanceOf(AuditWriteException.class);
        }
    }

    @Test
    void deferred_records_queued_while_the_flusher_is_busy_do_not_wake_it_again() throws Exception {
        try (JsonlAuditSink sink = open()) {
            JsonlGroupCommit commit = sink.commit();
            commit.writer.lock(); // the flusher, once woken, lingers and then waits for the writer: it is never idle
            try {
                for (int i = 0; i < 50; i++) {
                    sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-" + i, "ALLOW"));
                }
                assertThat(commit.flusherWakeups()).as("woken once, not once per record").isEqualTo(1L);
            } finally {
                commit.unlockAndWakeNext();
            }
            sink.flush();
            assertThat(onDisk()).hasSize(50);
            assertThat(sink.verify()).isEqualTo(ChainVerification.ok(50));
        }
    }

    @Test
    void a_clean_close_writes_every_deferred_record() throws Exception {
        DecisionRecord deferred;
        try (JsonlAuditSink sink = open()) {
            deferred = sink.appendLinked(JsonlAuditSinkTest.record("t1", "run-a", "ALLOW"));
        }
        assertThat(onDisk()).extracting(DecisionRecord::hash).containsExactly(deferred.hash());
        try (JsonlAuditSink reopened = open()) {
            assertThat(reopened.verify()).isEqualTo(ChainVerification.ok(1));
        }
    }
}
