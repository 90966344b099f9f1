package dev.warden.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.DecisionRecord;
import dev.warden.policy.PolicyEngine;
import dev.warden.quarkus.test.TellerAgent;
import dev.warden.quarkus.test.TellerModel;
import dev.warden.spi.AuditSink;
import dev.warden.spi.SuspendedRunStore;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON-RPC methods behind the Dev UI card, against the teller application's real beans. */
class WardenDevUiServiceTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TellerAgent.class, TellerModel.class)
                    .addAsResource("policies/teller.yaml")
                    .addAsResource("dev-keys/test-only-public.pem")
                    .addAsResource("dev-keys/test-only-private.pem")
                    .addAsResource("teller-application.properties", "application.properties"));

    @Inject
    AgentRegistry agents;
    @Inject
    PolicyEngine engine;
    @Inject
    PolicyLoader loader;
    @Inject
    PolicyReloadJournal journal;
    @Inject
    AuditSink audit;
    @Inject
    SuspendedRunStore approvals;

    private WardenDevUiService service() {
        return new WardenDevUiService(agents, engine, loader, journal, audit, approvals);
    }

    @Test
    @SuppressWarnings("unchecked")
    void agents_are_listed_with_their_tools_effects_risk_and_labels() {
        List<Map<String, Object>> list = service().getAgents();
        assertThat(list).extracting(a -> a.get("id")).containsExactly("teller");
        List<Map<String, Object>> tools = (List<Map<String, Object>>) list.get(0).get("tools");
        Map<String, Object> send = tools.stream().filter(t -> t.get("name").equals("send_money")).findFirst()
                .orElseThrow();
        assertThat(send).containsEntry("effects", List.of("FINANCIAL", "WRITE")).containsEntry("risk", "CRITICAL")
                .containsKeys("sourceLabels", "sinkClearance", "argumentClearances");
        Map<String, Object> balance = tools.stream().filter(t -> t.get("name").equals("get_balance")).findFirst()
                .orElseThrow();
        assertThat(String.valueOf(balance.get("sourceLabels"))).contains("CONFIDENTIAL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void policies_show_the_loaded_sets_with_versions_and_no_rejection() {
        Map<String, Object> p = service().getPolicies();
        assertThat((List<Map<String, Object>>) p.get("sets")).anySatisfy(s -> assertThat(s)
                .containsEntry("name", "teller").containsEntry("version", "3"));
        assertThat((List<String>) p.get("rejected")).isEmpty();
    }

    @Test
    void last_decisions_are_the_newest_first_and_capped() {
        for (int i = 0; i < 3; i++) {
            audit.append(new DecisionRecord(null, "default", null, null, "2026-12-04T10:00:0" + i + "Z", null, null,
                    "devui-run-" + i, 1, "TOOL_CALL", "alice", "teller", List.of(), "send_money", "c" + i, null,
                    Map.of(), null, "DENY", "TELLER-0100", "blocked", List.of("no-sanctioned-destinations"),
                    List.of("teller@3"), List.of(), null, null, 1));
        }
        List<DecisionRecord> last = service().getLastDecisions(2);
        assertThat(last).extracting(DecisionRecord::runId).containsExactly("devui-run-2", "devui-run-1");
        assertThat(service().getLastDecisions(100_000)).hasSizeLessThanOrEqualTo(WardenDevUiService.MAX_DECISIONS);
    }

    @Test
    void no_pending_approvals_in_a_fresh_application() {
        assertThat(service().getPendingApprovals()).isEmpty();
        assertThat(service().getPendingApprovalCount()).isEqualTo("0");
    }
}
