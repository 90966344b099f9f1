package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.mcp.client.McpClient;
import dev.warden.core.Confidentiality;
import dev.warden.core.Integrity;
import dev.warden.core.Principal;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.core.testing.TestClock;
import dev.warden.mcp.testserver.BankMcpTools;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The five MCP scenarios of issue 9 against a real MCP server (SDK server API) reached through LangChain4j's MCP
 * client, through a real {@link GovernedAgent} and {@code Governor}. Subclasses provide the transport.
 */
abstract class GovernedMcpScenarios {
    static final Principal ALICE = Principal.of("alice", "customer");
    static final Principal BOB_MANAGER = Principal.of("bob", "manager");

    final TestClock clock = TestClock.at("2026-11-25T10:00:00Z");
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    ToolPinStore pins;
    McpToolSource source;
    GovernedAgent agent;

    /** A client connected to this class's server; shared by its tests. */
    abstract McpClient client();

    @BeforeEach
    void approveAndBuildAgent() {
        pins = new InMemoryToolPinStore();
        source = McpToolSource.connect(client(), BankScenario.policy(), pins, clock);
        source.approveAll("security-officer");
        agent = BankScenario.agent(source.toolRegistry(), source, audit);
    }

    @Test
    void allows_an_approved_described_tool_and_labels_its_result_with_the_servers_untrusted_labels() {
        RunResult r = agent.runBlocking("what is my balance?", ALICE);

        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.output()).contains("Balance: 1200.00 EUR");
        assertThat(r.context().labels().integrity()).isEqualTo(Integrity.UNTRUSTED);
        assertThat(r.context().labels().level()).isEqualTo(Confidentiality.CONFIDENTIAL);
        assertThat(r.context().labels().categories()).containsExactly("FINANCIAL");
        assertThat(toolDecisions(r, "bank__get_balance")).extracting(DecisionSummary::outcome)
                .containsExactly("ALLOW", "ALLOW");
    }

    @Test
    void denies_a_call_the_policy_forbids_and_the_server_never_sees_it() {
        RunResult r = agent.runBlocking("please close my account", ALICE);

        assertThat(toolDecisions(r, "bank__delete_account")).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("DENY");
            assertThat(d.code()).isEqualTo(BankScenario.DENIED_BY_POLICY);
        });
        assertThat(BankScenario.serverActivity(client())).doesNotContain("delete_account");
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void suspends_an_approval_gated_call_and_runs_it_only_once_approved() {
        String iban = "DE89370400440532013000";
        RunResult suspended = agent.runBlocking("transfer 900 to " + iban, ALICE);

        assertThat(suspended.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(suspended.approval().toolName()).isEqualTo("bank__transfer");
        assertThat(BankScenario.serverActivity(client())).doesNotContain("transfer:" + iban + ":900");

        RunResult done = agent.resumeBlocking(suspended.approval().approvalId(),
                ApprovalResolution.approve(BOB_MANAGER, "rent"));
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.output()).contains("Transferred 900 EUR to " + iban);
        assertThat(BankScenario.serverActivity(client())).containsOnlyOnce("transfer:" + iban + ":900");
    }

    @Test
    void blocks_a_tool_whose_description_changed_after_approval_until_it_is_re_approved() {
        RunResult first = agent.runBlocking("rate for USD", ALICE);
        assertThat(first.output()).contains("(quote #1)");

        // the server has now swapped in a poisoned description ("rug pull")
        RunResult second = agent.runBlocking("rate for USD", ALICE);
        assertThat(toolDecisions(second, "bank__exchange_rate")).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("DENY");
            assertThat(d.code()).isEqualTo(McpCodes.TOOL_CHANGED);
            assertThat(d.reason()).contains("description of MCP tool 'bank/exchange_rate' changed")
                    .contains("security-officer");
            assertThat(d.ruleIds()).containsExactly(McpGuardPlane.RULE_ID);
        });
        assertThat(source.review()).filteredOn(t -> t.serverToolName().equals("exchange_rate")).singleElement()
                .satisfies(t -> {
                    assertThat(t.status()).isEqualTo(ToolReview.Status.CHANGED);
                    assertThat(t.description()).isEqualTo(BankMcpTools.POISONED_RATE_DESCRIPTION);
                    assertThat(t.findings()).isNotEmpty();
                });
        assertThatThrownBy(() -> source.approve("exchange_rate", "security-officer"))
                .isInstanceOfSatisfying(McpApprovalException.class,
                        e -> assertThat(e.code()).isEqualTo(McpCodes.DESCRIPTION_SUSPICIOUS));

        // still blocked: the old agent shows the model the earlier description
        source.approve("exchange_rate", "security-officer", true);
        assertThat(toolDecisions(agent.runBlocking("rate for USD", ALICE), "bank__exchange_rate"))
                .extracting(DecisionSummary::code).containsExactly(McpCodes.TOOL_CHANGED);

        GovernedAgent rebuilt = BankScenario.agent(source.toolRegistry(), source, audit);
        assertThat(rebuilt.toolRegistry().specifications()).filteredOn(s -> s.name().equals("bank__exchange_rate"))
                .singleElement().satisfies(s -> assertThat(s.description()).contains("<IMPORTANT>"));
        RunResult third = rebuilt.runBlocking("rate for USD", ALICE);
        assertThat(third.output()).contains("(quote #2)"); // the blocked calls never reached the server
        assertThat(toolDecisions(agent.runBlocking("rate for USD", ALICE), "bank__exchange_rate"))
                .extracting(DecisionSummary::code).containsExactly(McpCodes.TOOL_CHANGED); // old registry stays blocked
    }

    @Test
    void denies_the_high_risk_call_that_an_injected_tool_result_asks_for() {
        RunResult r = agent.runBlocking("anything new in my inbox?", ALICE);

        assertThat(toolDecisions(r, "bank__read_inbox")).extracting(DecisionSummary::outcome)
                .containsExactly("ALLOW", "ALLOW");
        assertThat(toolDecisions(r, "bank__transfer")).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo("DENY");
            assertThat(d.code()).isEqualTo(BankScenario.UNTRUSTED_CONTEXT);
        });
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(BankScenario.serverActivity(client())).doesNotContain(BankMcpTools.INJECTED_IBAN);
    }

    @Test
    void hides_tools_the_policy_does_not_describe_so_their_descriptions_never_reach_the_model() {
        assertThat(agent.toolRegistry().names()).doesNotContain("bank__web_search")
                .contains("bank__get_balance", "bank__transfer");
        assertThat(source.review()).filteredOn(t -> t.serverToolName().equals("web_search")).singleElement()
                .extracting(ToolReview::status).isEqualTo(ToolReview.Status.HIDDEN);
    }

    static List<DecisionSummary> toolDecisions(RunResult r, String tool) {
        return r.decisions().stream().filter(d -> tool.equals(d.tool())).toList();
    }
}
