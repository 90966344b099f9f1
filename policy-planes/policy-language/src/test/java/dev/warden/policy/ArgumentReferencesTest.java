package dev.warden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentReferencesTest {
    static final Map<String, Set<String>> TOOLS = Map.of(
            "update_user_info", Set.of("firstName", "lastName", "street", "city"),
            "send_money", Set.of("recipient", "amount", "subject", "date"),
            "schedule_transaction", Set.of("recipient", "amount", "subject", "date", "recurring"));

    private static List<PolicyProblem> problems(String rules) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("bank.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: bank, version: 1 }
                rules:
                """ + rules));
        return engine.unknownArguments(TOOLS);
    }

    @Test
    void rule_reading_an_argument_the_tool_does_not_have_is_reported_with_file_line_and_rule() {
        List<PolicyProblem> p = problems("""
                  - id: profile-values-from-user
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "update_user_info" && has(args.first_name) && args.first_name != ""
                    decision: deny
                """);
        assertThat(p).hasSize(1);
        assertThat(p.get(0).source()).isEqualTo("bank.yaml");
        assertThat(p.get(0).line()).isEqualTo(5);
        assertThat(p.get(0).ruleId()).isEqualTo("profile-values-from-user");
        assertThat(p.get(0).message()).startsWith(PolicyCodes.UNKNOWN_ARGUMENT)
                .contains("args.first_name", "update_user_info", "firstName");
    }

    @Test
    void argument_must_be_a_parameter_of_every_tool_the_rule_names() {
        List<PolicyProblem> p = problems("""
                  - id: recurring-only
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name in ["send_money", "schedule_transaction"] && args.recurring
                    decision: deny
                """);
        assertThat(p).extracting(PolicyProblem::message).singleElement().asString().contains("'send_money'");
    }

    @Test
    void rule_whose_arguments_every_named_tool_has_passes() {
        assertThat(problems("""
                  - id: large
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name in ["send_money", "schedule_transaction"] && args["amount"] > 500.0
                    decision: deny
                """)).isEmpty();
    }
}
