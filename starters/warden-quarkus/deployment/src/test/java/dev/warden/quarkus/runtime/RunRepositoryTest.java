package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.quarkus.api.Dtos.RunView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recent-runs view keeps {@code warden.runs.recent-capacity} runs, oldest evicted first (decision 0064). */
class RunRepositoryTest {
    static RunView run(String id) {
        return new RunView(id, "teller", "alice", "COMPLETED", "done", null, null, List.of(), Instant.EPOCH, null, null);
    }

    @Test
    void keeps_the_configured_number_of_runs_and_evicts_the_oldest_first() {
        RunRepository runs = new RunRepository(2);
        runs.put("t", run("r1"));
        runs.put("t", run("r2"));
        runs.put("t", run("r3"));
        assertThat(runs.find("r1")).isEmpty();
        assertThat(runs.find("r2")).isPresent();
        assertThat(runs.find("r3")).hasValueSatisfying(e -> assertThat(e.tenant()).isEqualTo("t"));
    }

    @Test
    void an_update_of_a_kept_run_replaces_it_without_evicting_another() {
        RunRepository runs = new RunRepository(2);
        runs.put("t", run("r1"));
        runs.put("t", run("r2"));
        runs.put("t", new RunView("r1", "teller", "alice", "FAILED", null, null, null, List.of(), Instant.EPOCH, null,
                null));
        assertThat(runs.find("r1")).hasValueSatisfying(e -> assertThat(e.view().status()).isEqualTo("FAILED"));
        assertThat(runs.find("r2")).isPresent();
    }

    @Test
    void a_capacity_under_one_is_refused() {
        assertThatThrownBy(() -> new RunRepository(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warden.runs.recent-capacity");
    }
}
