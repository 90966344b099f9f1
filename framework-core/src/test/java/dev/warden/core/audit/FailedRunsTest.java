package dev.warden.core.audit;

import static dev.warden.core.audit.JsonlAuditSinkTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of decision 0047, M3: the runs that lost a deferred record are remembered in a bounded table, and an outage
 * no longer fills it (nothing is deferred while the last batch failed) — yet a run that lost a record never passes a
 * later barrier while it is remembered.
 */
class FailedRunsTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @TempDir
    Path dir;

    @Test
    void while_the_last_batch_failed_appends_are_not_deferred_so_runs_of_the_outage_continue_after_it() throws Exception {
        HeadWriteFault fault = new HeadWriteFault(dir);
        try (JsonlAuditSink sink = new JsonlAuditSink(dir.resolve("decisions.jsonl"), JsonlAuditOptions.signed(true,
                JsonlSignedHeadTest.KEY))) {
            sink.append(record("t1", "run-before", "ALLOW"));
            fault.block();
            sink.appendLinked(record("t1", "run-a", "ALLOW")); // deferred, then lost
            try {
                sink.flush();
            } catch (AuditWriteException expected) { // forcing the head fails too while the disk does
            }
            for (int i = 0; i < 20; i++) {
                String run = "run-" + i;
                assertThatThrownBy(() -> sink.appendLinked(record("t1", run, "ALLOW")))
                        .as("during the outage the caller learns at once that its record is not durable")
                        .isInstanceOf(AuditWriteException.class);
            }
            fault.unblock();

            for (int i = 0; i < 20; i++) {
                assertThat(sink.append(record("t1", "run-" + i, "ALLOW")).runId())
                        .as("a run whose record was refused synchronously is not remembered as failed")
                        .isEqualTo("run-" + i);
            }
            assertThatThrownBy(() -> sink.append(record("t1", "run-a", "ALLOW")))
                    .as("the run whose deferred record was lost still cannot pass its barrier")
                    .isInstanceOf(AuditWriteException.class).hasMessageContaining("run-a");
            assertThat(sink.appendLinked(record("t1", "run-b", "ALLOW")).seq())
                    .as("after a batch succeeded, appends are deferred again").isPositive();
            assertThat(sink.append(record("t1", "run-b", "ALLOW")).runId()).isEqualTo("run-b");
            assertThat(sink.verify().valid()).isTrue();
        }
    }

    @Test
    void a_failed_run_stays_refused_while_it_keeps_trying_and_is_forgotten_an_hour_after_its_last_refusal() {
        AtomicLong now = new AtomicLong();
        FailedRuns runs = new FailedRuns(10, HOUR, now::get);
        runs.add("run-a");
        for (int i = 0; i < 5; i++) {
            now.addAndGet(HOUR - 1);
            assertThat(runs.refuses("run-a")).as("refused %d hours later: each refusal keeps it", i).isTrue();
        }
        assertThat(runs.refuses("run-b")).isFalse();
        now.addAndGet(HOUR);
        assertThat(runs.refuses("run-a")).as("an hour after its last refusal").isFalse();
        assertThat(runs.size()).isZero();
    }

    @Test
    void the_table_stays_bounded_refuses_everything_past_its_bound_and_recovers_as_runs_are_forgotten() {
        AtomicLong now = new AtomicLong();
        FailedRuns runs = new FailedRuns(100, HOUR, now::get);
        for (int i = 0; i < 100; i++) {
            runs.add("run-" + i);
            now.addAndGet(1_000);
        }
        assertThat(runs.full()).isFalse();
        runs.add("run-100");
        assertThat(runs.full()).as("past its bound the sink refuses every append (fail closed)").isTrue();
        assertThat(runs.refuses("run-0")).isTrue(); // touched: now the youngest

        now.addAndGet(HOUR - 50_000); // the older half (run-1 .. run-50) is an hour old
        assertThat(runs.full()).as("runs forgotten after an hour: the sink serves again").isFalse();
        assertThat(runs.size()).isEqualTo(51);
        assertThat(runs.refuses("run-1")).isFalse();
        assertThat(runs.refuses("run-0")).as("refused recently: still remembered").isTrue();
        assertThat(runs.refuses("run-100")).isTrue();
        now.addAndGet(HOUR);
        assertThat(runs.size()).as("nothing is kept for ever").isZero();
        assertThat(runs.refuses("run-100")).isFalse();
    }
}
