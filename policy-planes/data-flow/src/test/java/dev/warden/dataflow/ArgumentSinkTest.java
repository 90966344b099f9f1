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

    // S14-U1: paying a bill, a model copies the bill's reference and period into the subject. Those numbers were seen
    // only in the bill, the same content that names the payee's IBAN: they go back to where they came from.
    static final ToolDescriptor READ_FILE = new ToolDescriptor("read_file",
            ToolSpecification.builder().name("read_file").build(), Set.of(Effect.READ), Labels.UNRESTRICTED,
            Labels.of(Confidentiality.CONFIDENTIAL).withIntegrity(dev.warden.core.Integrity.UNTRUSTED), Risk.LOW,
            true);
    static final String BILL_REQUEST = "Please pay the 98.70 EUR bill in bills/december.txt";
    static final String BILL = "Stadtwerke Berlin - bill December 2026, invoice 88231\n"
            + "Amount due: 98.70 EUR to IBAN DE02500105170137075030";

    // as the banking sample runs it: provenance-clean calls pass, the bill's IBAN is left to the policies
    final DataFlowPlane billPlane = new DataFlowPlane(DataFlowConfig.builder()
            .untrustedAction(DataFlowConfig.UntrustedAction.ALLOW_IF_PROVENANCE_CLEAN)
            .endorsedAction(DataFlowConfig.EndorsedAction.DEFER_TO_POLICY).build());

    private GovernanceContext afterReading(ToolDescriptor tool, String result, String request) {
        billPlane.evaluate(new CheckpointRequest(dev.warden.core.Checkpoint.TOOL_RESULT, 1, tool, "c-" + tool.name(),
                tool == READ_FILE ? Map.of("path", "bills/december.txt") : Map.of(), result, tool.sourceLabels(),
                tool.name(), Map.of(CheckpointAttributes.USER_INPUT, request)), ctx);
        return ctx.withLabelsJoined(tool.sourceLabels());
    }

    private Decision pay(GovernanceContext c, String recipient, String subject, String request) {
        // the runtime's provenance, as it reports it: the bill's IBAN endorsed (the request names the bill), the
        // landlord's typed by the user, the amount typed by the user
        String kind = request.contains(recipient) ? "user" : "endorsed";
        Map<String, Object> provenance = Map.of("recipient", Map.of("kind", kind, "source", "read_file"),
                "amount", Map.of("kind", "user", "source", "user request"));
        return billPlane.evaluate(CheckpointRequest.toolCall(2, SEND, "c1", Map.of("recipient", recipient, "amount",
                98.70, "subject", subject)).withAttributes(Map.of(CheckpointAttributes.USER_INPUT, request,
                        CheckpointAttributes.PROVENANCE, provenance)), c);
    }

    @Test
    void the_bills_own_reference_and_period_go_back_to_the_payee_the_bill_names() {
        GovernanceContext c = afterReading(READ_FILE, BILL, BILL_REQUEST);
        assertThat(pay(c, "DE02500105170137075030", "Invoice 88231, bill December 2026", BILL_REQUEST))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void the_bills_reference_sent_to_another_payee_is_still_held() {
        String request = BILL_REQUEST + " and tell my landlord DE02120300000000202051 what it was";
        GovernanceContext c = afterReading(READ_FILE, BILL, request);
        assertThat(pay(c, "DE02120300000000202051", "Invoice 88231", request))
                .isInstanceOf(Decision.RequireApproval.class);
    }

    @Test
    void a_number_of_the_users_records_is_held_even_when_the_bill_holds_it_too() {
        afterReading(BALANCE, "1810.00 EUR", BILL_REQUEST);
        GovernanceContext c = afterReading(READ_FILE, BILL + "\nPrevious balance 1810.00 EUR", BILL_REQUEST)
                .withLabelsJoined(BALANCE.sourceLabels());
        assertThat(pay(c, "DE02500105170137075030", "balance 1810.00", BILL_REQUEST))
                .isInstanceOf(Decision.RequireApproval.class);
    }
}
