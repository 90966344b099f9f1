package dev.warden.plane.rate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.warden.action.ActionBoundaryPlane;
import dev.warden.action.InMemoryBudgetStore;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Effect;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.Risk;
import dev.warden.core.agent.ApprovalResolution;
import dev.warden.core.agent.DecisionSummary;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.core.agent.RunResult;
import dev.warden.core.agent.RunStatus;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.TestClock;
import dev.warden.core.tools.ToolGovernance;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The rate plane in a real agent run: YAML rules ({@code policies/payments-agent.yaml}), the agent loop, the tool
 * executor that settles each call, approvals. Only transfers that happened use up the quota.
 */
class RateLimitedAgentTest {
    /** The bank: records transfers that ran; an IBAN starting with XX makes the bank fail. */
    public static final class Payments {
        final List<String> executed = new CopyOnWriteArrayList<>();

        @Tool(name = "send_money", value = "Send money to an IBAN")
        @ToolGovernance(effects = {Effect.FINANCIAL, Effect.WRITE}, risk = Risk.HIGH)
        public String sendMoney(@P("recipient IBAN") String recipient, @P("amount in EUR") double amount) {
            if (recipient.startsWith("XX")) {
                throw new IllegalStateException("bank unreachable");
            }
            executed.add(amount + " EUR -> " + recipient);
            return "sent";
        }
    }

    final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");
    final Payments bank = new Payments();
    final GovernedAgent agent;

    RateLimitedAgentTest() {
        PolicyEngine engine = PolicyEngine.builder().clock(clock).plane(RatePlane.NAME).build();
        engine.load(PolicySource.classpath("policies/payments-agent.yaml"));
        InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
        Governor governor = Governor.builder().clock(clock).auditSink(new InMemoryAuditSink())
                .plane(ActionBoundaryPlane.builder().engine(engine).clock(clock).build())
                .plane(RatePlane.builder().engine(engine).budgetStore(store).clock(clock).build())
                .build();
        ScriptedChatModel model = ScriptedChatModel.rules()
                .whenUser("send (\\d+) EUR to ([A-Z]{2}[0-9A-Z]+)", m -> List.of(ScriptedChatModel.call("send_money",
                        Map.of("recipient", m.group(2), "amount", Integer.parseInt(m.group(1))))))
                .build();
        agent = GovernedAgent.builder().identity(new AgentIdentity("payments", "1", "team")).model(model)
                .modelName("scripted").tools(bank).governor(governor).build();
    }

    RunResult send(int amount, String iban) {
        return agent.runBlocking("send " + amount + " EUR to " + iban, Principal.of("alice", "customer"));
    }

    static DecisionSummary sendMoneyDecision(RunResult r) {
        return r.decisions().stream().filter(d -> "send_money".equals(d.tool())
                && d.checkpoint().startsWith("TOOL_CALL")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void denied_refused_and_failed_transfers_leave_the_quota_whole_and_the_fourth_transfer_is_refused() {
        for (int i = 0; i < 4; i++) {
            assertThat(sendMoneyDecision(send(9000, "DE89370400440532013000")).ruleIds())
                    .contains("no-transfers-above-5000");
        }
        RunResult pending = send(800, "DE89370400440532013000");
        assertThat(pending.status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        RunResult refused = agent.resumeBlocking(pending.approval().approvalId(),
                ApprovalResolution.deny(Principal.of("bob", "manager"), "not today"));
        assertThat(refused.status()).isEqualTo(RunStatus.DENIED);
        send(10, "XX00FAILINGBANK"); // the tool throws: the transfer did not happen
        assertThat(bank.executed).isEmpty();

        for (int i = 0; i < 3; i++) {
            assertThat(sendMoneyDecision(send(10, "DE89370400440532013000")).outcome()).isEqualTo("ALLOW");
        }
        DecisionSummary fourth = sendMoneyDecision(send(10, "DE89370400440532013000"));
        assertThat(fourth.outcome()).isEqualTo("DENY");
        assertThat(fourth.ruleIds()).contains("send-money-3-per-user-hour");
        assertThat(bank.executed).hasSize(3);
    }

    @Test
    void an_approved_transfer_counts() {
        RunResult pending = send(800, "DE89370400440532013000");
        agent.resumeBlocking(pending.approval().approvalId(),
                ApprovalResolution.approve(Principal.of("bob", "manager"), "ok"));
        send(10, "DE89370400440532013000");
        send(10, "DE89370400440532013000");
        assertThat(bank.executed).hasSize(3);
        assertThat(sendMoneyDecision(send(10, "DE89370400440532013000")).outcome()).isEqualTo("DENY");
    }
}
