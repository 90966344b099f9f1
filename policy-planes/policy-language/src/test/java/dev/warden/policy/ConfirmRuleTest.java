package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code decision: confirm}: the requester confirms the exact call; it ranks between approval and transform. */
class ConfirmRuleTest {
    private static final String BANKING = set("banking", """
              - id: new-payee-confirmed
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money"
                decision: confirm
                ttl: 15m
                reason: please confirm the payee
              - id: large-transfer-approved
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money" && args.amount > 500.0
                decision: require_approval
                approvers: [manager]
              - id: tagged
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "send_money"
                decision: transform
                set:
                  subject: '"checked"'
            """);

    private Decision decide(double amount) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(yaml("banking.yaml", BANKING));
        return engine.evaluate("action-boundary", call("send_money", Map.of("recipient", "DE89370400440532013000",
                "amount", amount), Effect.FINANCIAL), as("alice", "customer"));
    }

    @Test
    void a_confirm_rule_asks_the_requester_with_its_reason_ttl_and_rule_id() {
        assertThat(decide(98.7)).isInstanceOfSatisfying(Decision.RequireConfirmation.class, c -> {
            assertThat(c.reason()).isEqualTo("please confirm the payee");
            assertThat(c.ttl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(c.basis().ruleIds()).containsExactly("new-payee-confirmed");
            assertThat(c.basis().policySet()).isEqualTo("banking");
        });
    }

    @Test
    void approval_outranks_confirmation_inside_one_priority_level() {
        assertThat(decide(900)).isInstanceOf(Decision.RequireApproval.class);
    }

    @Test
    void approvers_on_a_confirm_rule_are_rejected_at_load_with_line_and_rule() {
        PolicyEngine engine = PolicyEngine.builder().build();
        List<PolicyProblem> problems = engine.validate(List.of(yaml("banking.yaml", set("banking", """
                  - id: confused
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: confirm
                    approvers: [manager]
                """))));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.toString()).contains("banking.yaml").contains("confused")
                    .contains("'approvers' is not allowed on confirm rules");
            assertThat(p.line()).isEqualTo(10);
        });
    }
}
