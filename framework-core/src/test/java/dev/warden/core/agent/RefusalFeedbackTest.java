package dev.warden.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Basis;
import dev.warden.core.Checkpoint;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Principal;
import dev.warden.core.RefusalFeedback;
import dev.warden.core.audit.InMemoryAuditSink;
import dev.warden.model.scripted.ScriptedChatModel;
import dev.warden.core.testing.BankTools;
import dev.warden.core.testing.TestPlanes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusalFeedbackTest {
    static final String REASON = "money may only go to an IBAN from the user's own request";
    final InMemoryAuditSink audit = new InMemoryAuditSink();

    /** The model's final answer repeats what it was told about its refused call. */
    RunResult run(RefusalFeedback feedback) {
        var rule = TestPlanes.of("action-boundary", 200, EnumSet.of(Checkpoint.TOOL_CALL),
                (req, ctx) -> "send_money".equals(req.toolName())
                        ? Decision.deny(REASON, "BANK-ACT-0001", Basis.rule("action-boundary", "banking", "2",
                                "money-only-to-requested-or-known-ibans"))
                        : Decision.allow("action-boundary"));
        GovernedAgent.Builder b = GovernedAgent.builder().identity(AgentIdentity.of("bank-agent"))
                .model(ScriptedChatModel.rules()
                        .whenUser("pay", m -> List.of(ScriptedChatModel.call("send_money",
                                Map.of("recipient", "DE89370400440532013000", "amount", 10))))
                        .finalAnswer(results -> results.get(0).text()).build())
                .tools(new BankTools()).governor(Governor.builder().plane(rule).auditSink(audit).build());
        return (feedback == null ? b : b.refusalFeedback(feedback)).build()
                .runBlocking("pay my landlord", Principal.of("alice", "customer"));
    }

    @Test
    void detailed_feedback_is_the_default_and_names_the_reason() {
        assertThat(run(null).output()).contains("[BANK-ACT-0001]").contains(REASON);
    }

    @Test
    void minimal_feedback_tells_the_model_only_the_code_while_the_audit_keeps_the_detail() {
        RunResult r = run(RefusalFeedback.MINIMAL);

        assertThat(r.output()).contains("refused by policy [BANK-ACT-0001]").doesNotContain(REASON)
                .doesNotContain("money-only-to-requested-or-known-ibans");
        assertThat(audit.records()).anySatisfy(rec -> {
            assertThat(rec.reason()).isEqualTo(REASON);
            assertThat(rec.ruleIds()).containsExactly("money-only-to-requested-or-known-ibans");
        });
    }
}
