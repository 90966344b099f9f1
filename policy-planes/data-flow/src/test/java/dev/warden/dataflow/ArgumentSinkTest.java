package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.Risk;
import dev.warden.core.TaskContext;
import dev.warden.core.ToolDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A transfer subject reaches the payee: the user's balance or own IBAN may not flow into it without approval. */
class ArgumentSinkTest {
    static final ToolDescriptor SEND = new ToolDescriptor("send_money",
            ToolSpecification.builder().name("send_money").build(), Set.of(Effect.FINANCIAL), Labels.UNRESTRICTED,
            Labels.PUBLIC, Risk.CRITICAL, true, null, Map.of("subject", Labels.PUBLIC));
    static final ToolDescriptor BALANCE = new ToolDescriptor("get_balance",
            ToolSpecification.builder().name("get_balance").build(), Set.of(Effect.READ), Labels.UNRESTRICTED,
            Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL"), Risk.LOW, true);
    static final String USER = "Send 20 EUR to my landlord DE02120300000000202051";

    final DataFlowPlane plane = new DataFlowPlane();
    final GovernanceContext ctx = GovernanceContext.of(Principal.of("alice", "customer"),
            new AgentIdentity("bank", "1", "o")).withTask(new TaskContext("run-1", null, null));

    private Decision send(GovernanceContext c, String subject) {
        return plane.evaluate(CheckpointRequest.toolCall(2, SEND, "c1", Map.of("recipient", "DE02120300000000202051",
                "amount", 20, "subject", subject)).withAttributes(Map.of(CheckpointAttributes.USER_INPUT, USER)), c);
    }

    private GovernanceContext afterReadingBalance() {
        plane.evaluate(new CheckpointRequest(dev.warden.core.Checkpoint.TOOL_RESULT, 1, BALANCE, "c0", null,
                "1810.00 EUR", BALANCE.sourceLabels(), "get_balance", Map.of(CheckpointAttributes.USER_INPUT, USER)),
                ctx);
        return ctx.withLabelsJoined(BALANCE.sourceLabels());
    }

    @Test
    void balance_written_into_a_transfer_subject_is_held_for_approval() {
        Decision d = send(afterReadingBalance(), "balance 1810.00");
        assertThat(d).isInstanceOf(Decision.RequireApproval.class);
        assertThat(d.basis().ruleIds()).contains(DataFlowCodes.RULE_ARGUMENT_SINK);
    }

    @Test
    void own_iban_written_into_a_transfer_subject_is_held_for_approval() {
        Decision d = send(afterReadingBalance(), "from DE89370400440532013000");
        assertThat(d).isInstanceOf(Decision.RequireApproval.class);
    }

    @Test
    void an_ordinary_subject_passes_after_reading_the_balance() {
        assertThat(send(afterReadingBalance(), "Rent December")).isInstanceOf(Decision.Allow.class);
    }
}
