package dev.warden.a2a.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finished A2A tasks are retained per caller: one caller finishing many tasks cannot push out another's results. */
class TaskLedgerRetentionTest {
    final TestClock clock = TestClock.at("2026-12-05T10:00:00Z");
    final List<String> evicted = new ArrayList<>();
    final TaskLedger.Owner alice = new TaskLedger.Owner("bank", "alice");
    final TaskLedger.Owner bob = new TaskLedger.Owner("bank", "bob");

    TaskLedger ledger(long retained) {
        return new TaskLedger(new TaskLedger.Limits(8, 64, Duration.ofHours(1), retained), clock, evicted::add);
    }

    static void finish(TaskLedger ledger, String id, TaskLedger.Owner owner) {
        assertThat(ledger.start(id, owner)).isNull();
        ledger.finish(id);
    }

    @Test
    void a_flooding_caller_cannot_evict_another_callers_finished_task() {
        TaskLedger ledger = ledger(10);
        finish(ledger, "bob-1", bob);

        for (int i = 0; i < 1_000; i++) {
            finish(ledger, "alice-" + i, alice);
        }

        assertThat(ledger.owns("bob-1", bob)).as("bob's result is still readable").isTrue();
        assertThat(evicted).doesNotContain("bob-1").contains("alice-0");
        assertThat(ledger.size()).isLessThanOrEqualTo(10);
        assertThat(ledger.owns("alice-999", alice)).as("the flooder keeps its newest").isTrue();
    }
}
