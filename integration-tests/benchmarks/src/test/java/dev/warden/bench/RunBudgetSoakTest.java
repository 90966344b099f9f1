package dev.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.agent.RunStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The run-budget soak, short by default ({@code -Dwarden.soak.seconds=180} for the documented run): under a mixed
 * workload every run ends within its deadline, stalled provider calls and heavy tools are interrupted (nothing still
 * running, every pooled connection returned), fast runs stay fast, and the thread count stays bounded.
 */
class RunBudgetSoakTest {
    @Test
    void mixed_workload_ends_every_run_within_its_deadline_without_leaks() throws Exception {
        int seconds = Integer.getInteger("warden.soak.seconds", 15);
        int users = Integer.getInteger("warden.soak.users", 16);
        RunBudgetSoak.Report r = RunBudgetSoak.run(Duration.ofSeconds(seconds), users);
        System.out.print(r.table());

        assertThat(r.unexpected()).as("runs with an unexpected outcome").isZero();
        assertThat(r.overDeadline()).as("runs ending more than 1 s after their deadline").isZero();
        assertThat(r.stalledStillRunning()).as("stalled calls still running").isZero();
        assertThat(r.poolPermitsMissing()).as("pooled connections not returned").isZero();
        assertThat(r.statuses()).containsKeys(RunStatus.COMPLETED, RunStatus.TIMED_OUT);
        assertThat(r.latenciesMicros().get(RunBudgetSoak.Kind.FAST)).isNotEmpty();
        // bounded, not fast: generous enough for a loaded 2-core CI machine, far below a stalled call's 30 s
        assertThat(r.percentile(RunBudgetSoak.Kind.FAST, 0.99)).as("fast p99 µs").isLessThan(2_000_000);
        assertThat(r.threadsPeak()).as("threads").isLessThan(r.threadsBefore() + users * 4 + 32);
    }
}
