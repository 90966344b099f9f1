package dev.warden.test;

import static dev.warden.test.WardenAssertions.assertThat;
import static dev.warden.test.WardenAssertions.assertThatRunJson;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAssertTest {
    private static final String DENIED_TRANSFER_JSON = """
            {"runId":"r1","agentId":"bank","status":"COMPLETED","output":"I could not send it.","decisions":[
              {"step":1,"checkpoint":"TOOL_CALL","decision":"ALLOW","tool":"get_balance","ruleIds":[]},
              {"step":2,"checkpoint":"TOOL_CALL","decision":"DENY","tool":"send_money","ruleIds":[],
               "planes":[{"plane":"policy","decision":"DENY","mode":"ENFORCE","ruleIds":["recipient-from-user"]}]}]}
            """;

    private static RunResult run(RunStatus status, Labels labels, DecisionSummary... decisions) {
        GovernanceContext ctx = GovernanceContext.of(Principal.of("alice", "customer"),
                new AgentIdentity("bank", "1", "team")).withLabelsJoined(labels);
        return new RunResult("r1", status, "done", null, List.of(decisions), ctx, null);
    }

    private static DecisionSummary decision(String tool, String outcome, String... rules) {
        return new DecisionSummary(1, "TOOL_CALL", outcome, tool, List.of(rules), null, null, List.of());
    }

    @Test
    void a_completed_run_with_a_refused_tool_call_passes_completed_and_denied_by() {
        assertThat(run(RunStatus.COMPLETED, Labels.PUBLIC, decision("send_money", "DENY", "recipient-from-user")))
                .completed().deniedBy("recipient-from-user").neverAllowed("send_money");
    }

    @Test
    void denied_by_another_rule_fails_and_lists_the_decisions() {
        assertThatThrownBy(() -> assertThat(run(RunStatus.COMPLETED, Labels.PUBLIC,
                decision("send_money", "DENY", "recipient-from-user"))).deniedBy("customers-only"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("DENY by rule customers-only")
                .hasMessageContaining("TOOL_CALL(send_money) DENY [recipient-from-user]");
    }

    @Test
    void awaiting_approval_fails_on_a_completed_run() {
        assertThatThrownBy(() -> assertThat(run(RunStatus.COMPLETED, Labels.PUBLIC)).awaitingApproval())
                .isInstanceOf(AssertionError.class).hasMessageContaining("AWAITING_APPROVAL but was COMPLETED");
        assertThat(run(RunStatus.AWAITING_APPROVAL, Labels.PUBLIC,
                decision("send_money", "REQUIRE_APPROVAL", "large-transfer")))
                .awaitingApproval().approvalRequiredBy("large-transfer");
    }

    @Test
    void labelled_compares_with_the_runs_accumulated_labels() {
        RunResult r = run(RunStatus.COMPLETED, Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL").join(
                Labels.untrusted()));
        assertThat(r).labelled(Confidentiality.INTERNAL).labelled(Confidentiality.CONFIDENTIAL, "FINANCIAL")
                .labelledUntrusted();
        assertThatThrownBy(() -> assertThat(r).labelled(Confidentiality.RESTRICTED))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(run(RunStatus.COMPLETED, Labels.PUBLIC)).labelledUntrusted())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void the_rest_json_shape_reads_plane_rule_ids() {
        assertThatRunJson(DENIED_TRANSFER_JSON).completed().deniedBy("recipient-from-user")
                .decidedFor("get_balance", "ALLOW").neverAllowed("send_money").outputContains("could not");
        assertThatThrownBy(() -> assertThatRunJson(DENIED_TRANSFER_JSON).neverAllowed("get_balance"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void labels_on_the_rest_shape_fail_with_a_clear_message() {
        assertThatThrownBy(() -> assertThatRunJson(DENIED_TRANSFER_JSON).labelledUntrusted())
                .isInstanceOf(AssertionError.class).hasMessageContaining("REST run view does not report them");
    }

    @Test
    void a_problem_document_is_not_a_run() {
        assertThatThrownBy(() -> assertThatRunJson("{\"type\":\"about:blank\",\"code\":\"WARDEN-API-0001\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no status");
    }
}
