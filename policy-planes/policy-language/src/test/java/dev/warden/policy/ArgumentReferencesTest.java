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

    static final Map<String, Map<String, String>> TYPES = Map.of(
            "send_money", Map.of("recipient", "string", "amount", "number", "subject", "string", "date", "string"),
            "update_scheduled_transaction", Map.of("id", "integer", "amount", "string", "recurring", "boolean"),
            "share_file", Map.of("file_id", "string", "emails", "array"));

    private static List<PolicyProblem> typeProblems(String when) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(new PolicySource("bank.yaml", """
                apiVersion: warden.dev/v1
                kind: PolicySet
                metadata: { name: bank, version: 1 }
                rules:
                  - id: r
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: '%s'
                    decision: deny
                """.formatted(when)));
        return engine.argumentProblems(TYPES);
    }

    @Test
    void an_argument_compared_with_a_number_must_be_a_numeric_parameter() {
        List<PolicyProblem> p = typeProblems(
                "tool.name == \"update_scheduled_transaction\" && args.amount > 500.0");
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(5);
            assertThat(x.ruleId()).isEqualTo("r");
            assertThat(x.message()).startsWith(PolicyCodes.ARGUMENT_TYPE)
                    .contains("args.amount", "a number", "update_scheduled_transaction", "string");
        });
    }

    @Test
    void text_functions_and_text_literals_need_a_text_parameter() {
        assertThat(typeProblems("tool.name == \"update_scheduled_transaction\" && args.id.startsWith(\"7\")"))
                .singleElement().extracting(PolicyProblem::message).asString().contains("text", "integer");
        assertThat(typeProblems("tool.name == \"update_scheduled_transaction\" && text.fold(args.recurring) == \"x\""))
                .singleElement().extracting(PolicyProblem::message).asString().contains("boolean");
        assertThat(typeProblems("tool.name == \"send_money\" && args.amount in [\"1\", \"2\"]"))
                .singleElement().extracting(PolicyProblem::message).asString().contains("text", "number");
        assertThat(typeProblems("tool.name == \"share_file\" && args.emails == \"a@b.c\""))
                .singleElement().extracting(PolicyProblem::message).asString().contains("array");
    }

    @Test
    void compatible_uses_pass() {
        assertThat(typeProblems("tool.name == \"send_money\" && args.amount > 500 && args.amount * 2 < 5000.0"
                + " && args.recipient.startsWith(\"GB\") && email.domain(args.subject) != \"x\"")).isEmpty();
        assertThat(typeProblems("tool.name == \"update_scheduled_transaction\" && args.id == 7"
                + " && args.recurring == true")).isEmpty();
        assertThat(typeProblems("tool.name == \"share_file\" && \"x@evil.example\" in args.emails")).isEmpty();
        // a use the rule does not type (a comparison between two arguments, a conversion) is not checked
        assertThat(typeProblems("tool.name == \"update_scheduled_transaction\" && double(args.amount) > 5.0"))
                .isEmpty();
    }
}
