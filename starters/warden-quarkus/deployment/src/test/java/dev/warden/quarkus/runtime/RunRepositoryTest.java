package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.core.agent.DecisionSummary.PlaneVerdict;
import dev.warden.quarkus.api.Dtos.DecisionView;
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

    static RunView decided(String id) {
        // each run builds its own copies, as RunView.of does
        List<DecisionView> decisions = List.of(
                new DecisionView(0, new String("TOOL_CALL"), "ALLOW", new String("accounts.balance"),
                        List.of(new String("customer-reads-own")), null, null, List.of(new PlaneVerdict(
                                new String("action-boundary"), "ALLOW", "ENFORCE", List.of(new String("r1")), null,
                                null))),
                new DecisionView(1, "AGENT_OUTPUT", "ALLOW", null, List.of(), null, new String("ok " + 1), List.of()));
        return new RunView(id, new String("banking-assistant"), new String("alice"), "COMPLETED",
                new String("Your balance is 12.00 EUR"), null, null, decisions, Instant.EPOCH.plusSeconds(id.length()),
                null, null);
    }

    @Test
    void sharing_at_idle_keeps_every_answer_equal_and_makes_equal_parts_one_instance() throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        RunRepository runs = new RunRepository(10);
        runs.put(new String("bank"), decided("r1"));
        runs.put(new String("bank"), decided("r22"));
        RunView r1Before = runs.find("r1").orElseThrow().view();
        RunView r22Before = runs.find("r22").orElseThrow().view();
        String r1Json = json.writeValueAsString(r1Before);

        assertThat(runs.share()).isEqualTo(2);

        RunView r1 = runs.find("r1").orElseThrow().view();
        RunView r22 = runs.find("r22").orElseThrow().view();
        assertThat(r1).isEqualTo(r1Before);
        assertThat(json.writeValueAsString(r1)).isEqualTo(r1Json);
        assertThat(r22).isEqualTo(r22Before);
        assertThat(r22.decisions()).isSameAs(r1.decisions());
        assertThat(r22.output()).isSameAs(r1.output());
        assertThat(r22.userId()).isSameAs(r1.userId());
        assertThat(runs.find("r22").orElseThrow().tenant()).isSameAs(runs.find("r1").orElseThrow().tenant());
        assertThat(r22.updatedAt()).isNotEqualTo(r1.updatedAt());
    }

    @Test
    void different_decisions_stay_apart_and_equal_ones_across_runs_are_shared() {
        RunRepository runs = new RunRepository(10);
        runs.put("t", decided("r1"));
        RunView other = decided("r2");
        List<DecisionView> changed = List.of(other.decisions().get(0), new DecisionView(1, "AGENT_OUTPUT", "DENY",
                null, List.of("no-iban"), "WARDEN-DF-0001", "refused", List.of()));
        runs.put("t", new RunView("r2", other.agentId(), other.userId(), other.status(), other.output(), null, null,
                changed, other.updatedAt(), null, null));
        runs.share();
        RunView r1 = runs.find("r1").orElseThrow().view();
        RunView r2 = runs.find("r2").orElseThrow().view();
        assertThat(r2.decisions()).isEqualTo(changed).isNotEqualTo(r1.decisions());
        assertThat(r2.decisions().get(0)).isSameAs(r1.decisions().get(0));
        assertThat(r2.decisions().get(1).decision()).isEqualTo("DENY");
    }
}
