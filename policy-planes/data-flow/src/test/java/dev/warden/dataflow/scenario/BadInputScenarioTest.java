package dev.warden.dataflow.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.dataflow.DataFlowConfig;
import dev.warden.dataflow.DataFlowPlane;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Enormous and binary tool results through the real loop, and label propagation into the run's context. */
class BadInputScenarioTest {
    static final Principal ALICE = Principal.of("alice", "customer");

    RunResult run(String tool) {
        // a generous budget: these tests are about bounds and labels, never about timing
        DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder().timeBudget(Duration.ofSeconds(60)).build());
        GovernedAgent agent = GovernedAgent.builder().identity(AgentIdentity.of("odd-agent"))
                .model(ScriptedChatModel.script().callTool(tool, Map.of()).reply("ok").build())
                .tools(new OddTools()).governor(Governor.builder().plane(plane).build()).build();
        return agent.runBlocking("go", ALICE);
    }

    @Test
    void an_enormous_result_is_scanned_up_to_the_bound_and_labelled_unscanned() {
        RunResult r = run("export_log");
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.context().labels().categories()).contains("UNSCANNED");
        assertThat(r.context().labels().isUntrusted()).isTrue();
    }

    @Test
    void a_binary_result_is_not_scanned_and_labelled_unscanned() {
        RunResult r = run("download_pdf");
        assertThat(r.context().labels().categories()).contains("UNSCANNED");
    }

    @Test
    void detector_labels_raise_the_context_label_of_the_run() {
        RunResult r = run("payee_note");
        assertThat(r.context().labels().categories()).containsExactly("FINANCIAL");
        assertThat(r.context().labels().isUntrusted()).isFalse();
    }
}
