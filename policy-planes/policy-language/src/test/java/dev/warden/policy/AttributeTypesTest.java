package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code attributes.repeats} and {@code attributes.similarCalls} are checked as ints at load; every other attribute
 * stays {@code dyn}, selected by name or by index as before (decision 0066).
 */
class AttributeTypesTest {
    private static String rule(String when) {
        return set("bank", "  - id: repeat-rule\n    plane: action-boundary\n    on: [TOOL_CALL]\n    when: '"
                + when.replace("'", "''") + "'\n    decision: deny\n");
    }

    private static Decision evaluate(String when, Map<String, Object> attributes) {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(yaml("bank.yaml", rule(when)));
        CheckpointRequest req = call("send_money", Map.of("amount", 100), Effect.FINANCIAL)
                .withAttributes(attributes);
        return engine.evaluate("action-boundary", req, as("alice"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "attributes.repeats > '0'                      | repeats",
        "attributes.similarCalls == 'none'             | similarCalls",
        "attributes.repeats.startsWith('1')            | repeats",
        "size(attributes.similarCalls) > 0             | similarCalls",
    })
    void a_count_used_as_anything_but_an_int_is_a_load_error_with_file_line_and_rule(String when, String name) {
        PolicyEngine engine = PolicyEngine.builder().build();
        assertThatThrownBy(() -> engine.load(yaml("bank.yaml", rule(when))))
                .isInstanceOf(PolicyLoadException.class);
        List<PolicyProblem> problems = engine.validate(List.of(yaml("bank.yaml", rule(when))));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("bank.yaml");
            assertThat(p.ruleId()).isEqualTo("repeat-rule");
            assertThat(p.line()).isPositive();
            assertThat(p.message()).contains("CEL error");
        });
    }

    @Test
    void counts_compare_as_ints_and_an_absent_count_is_guarded_with_has() {
        String when = "!has(attributes.similarCalls) || attributes.similarCalls > 0 || attributes.repeats >= 1";
        assertThat(evaluate(when, Map.of("repeats", 0, "similarCalls", 0))).isInstanceOf(Decision.Allow.class);
        assertThat(evaluate(when, Map.of("repeats", 0, "similarCalls", 2))).isInstanceOf(Decision.Deny.class);
        assertThat(evaluate(when, Map.of())).as("unknown reads as a repeat").isInstanceOf(Decision.Deny.class);
    }

    @Test
    void other_attributes_stay_dynamic_by_name_by_index_and_with_in() {
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("model", "gpt-x");
        attrs.put("incident-freeze", true);
        attrs.put("provenance", Map.of("recipient", Map.of("kind", "user")));
        assertThat(evaluate("attributes.model == 'gpt-x' && attributes['incident-freeze']"
                + " && attributes.provenance.recipient.kind == 'user' && 'model' in attributes"
                + " && !('approvedBy' in attributes) && attributes.provenance.exists(k, k == 'recipient')", attrs))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void an_absent_attribute_read_by_index_fails_closed_as_before() {
        assertThat(evaluate("attributes['missing'] == 'x'", Map.of("model", "m")))
                .isInstanceOf(Decision.Failure.class);
        assertThat(evaluate("attributes.missing == 'x'", Map.of("model", "m")))
                .isInstanceOf(Decision.Failure.class);
    }

    @Test
    void the_shipped_banking_policy_with_its_repeat_rule_still_loads() throws Exception {
        java.nio.file.Path banking = java.nio.file.Path.of("../../sample-agents/banking-assistant/src/main/resources/"
                + "policies/banking.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(banking), "run from the reactor");
        String text = java.nio.file.Files.readString(banking);
        assertThat(text).contains("attributes.similarCalls");
        PolicyEngine engine = PolicyEngine.builder().build();
        // the sample configures its payee data set in the application; every other rule checks here
        assertThat(engine.validate(List.of(yaml("banking.yaml", text)))).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).contains("WARDEN-POL-0460").contains("known-payees"));
    }
}
