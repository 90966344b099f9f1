package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad document is rejected whole, with file, line, rule id and message; the previous version keeps serving. */
class BadDocumentTest {
    private static final String GOOD = set("crm", """
              - id: sql-select-only
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "sql.query" && sql.kind(args.query) != "SELECT"
                decision: deny
            """);
    private PolicyEngine engine;

    @BeforeEach
    void loadGood() {
        engine = PolicyEngine.builder().build();
        engine.load(yaml("crm.yaml", GOOD));
    }

    private PolicyProblem rejectOnly(String text) {
        assertThatThrownBy(() -> engine.load(yaml("crm.yaml", text))).isInstanceOf(PolicyLoadException.class);
        List<PolicyProblem> problems = engine.validate(List.of(yaml("crm.yaml", text)));
        assertThat(problems).isNotEmpty();
        assertPreviousVersionStillServes();
        return problems.get(0);
    }

    private void assertPreviousVersionStillServes() {
        Decision d = engine.evaluate("action-boundary",
                call("sql.query", Map.of("query", "DROP TABLE x"), Effect.READ), as("a"));
        assertThat(d).isInstanceOf(Decision.Deny.class);
        assertThat(d.basis().ruleIds()).containsExactly("sql-select-only");
    }

    private static String rule(String id, String when) {
        return "  - id: " + id + "\n    plane: action-boundary\n    on: [TOOL_CALL]\n    when: " + when
                + "\n    decision: deny\n";
    }

    @Test
    void rejects_yaml_syntax_error_with_line() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "tool.name == 'x'") + "  - id: [unclosed\n"));
        assertThat(p.source()).isEqualTo("crm.yaml");
        assertThat(p.line()).isEqualTo(11);
        assertThat(p.message()).startsWith("YAML syntax error");
    }

    @Test
    void rejects_unknown_variable_naming_rule_and_line() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "tool.name == 'x'") + rule("r2", "usr.id == 'bob'")));
        assertThat(p.ruleId()).isEqualTo("r2");
        assertThat(p.line()).isEqualTo(13);
        assertThat(p.message()).contains("undeclared reference").contains("usr");
        assertThat(p.toString()).startsWith("crm.yaml:13: rule r2: when: CEL error");
    }

    @Test
    void rejects_unknown_field_of_a_known_variable() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "\"'admin' in user.rolez\"")));
        assertThat(p.message()).contains("undefined field 'rolez'");
    }

    @Test
    void rejects_type_error() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "user.roles > 3")));
        assertThat(p.ruleId()).isEqualTo("r1");
        assertThat(p.message()).contains("found no matching overload");
    }

    @Test
    void rejects_condition_that_is_not_bool() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "tool.name")));
        assertThat(p.message()).contains("expected type 'bool'").contains("must be a boolean expression");
    }

    @Test
    void rejects_duplicate_rule_ids() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "true") + rule("r1", "false")));
        assertThat(p.ruleId()).isEqualTo("r1");
        assertThat(p.line()).isEqualTo(10);
        assertThat(p.message()).isEqualTo("duplicate rule id 'r1'");
    }

    @Test
    void rejects_unknown_checkpoint_listing_valid_ones() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "true").replace("[TOOL_CALL]", "[TOOL_CAL]")));
        assertThat(p.message()).contains("unknown checkpoint 'TOOL_CAL'").contains("TOOL_CALL");
        assertThat(p.line()).isEqualTo(7);
    }

    @Test
    void rejects_unknown_plane_decision_mode_and_misspelt_keys() {
        String text = set("crm", """
                  - id: r1
                    plane: action-bondary
                    on: [TOOL_CALL]
                    wen: "true"
                    decision: forbid
                    mode: shadow
                """);
        assertThatThrownBy(() -> engine.load(yaml("crm.yaml", text)))
                .isInstanceOfSatisfying(PolicyLoadException.class, e -> assertThat(e.problems())
                        .extracting(PolicyProblem::message)
                        .anySatisfy(m -> assertThat(m).startsWith("unknown plane 'action-bondary'"))
                        .anySatisfy(m -> assertThat(m).startsWith("unknown key 'wen'"))
                        .anySatisfy(m -> assertThat(m).startsWith("unknown decision 'forbid'"))
                        .anySatisfy(m -> assertThat(m).startsWith("mode must be 'enforce' or 'monitor'")));
        assertPreviousVersionStillServes();
    }

    @Test
    void rejects_wrong_api_version_and_missing_metadata() {
        PolicyProblem p = rejectOnly("apiVersion: warden.dev/v2\nkind: PolicySet\nrules: []\n");
        assertThat(p.message()).contains("apiVersion must be 'warden.dev/v1'");
    }

    @Test
    void rejects_transform_without_set_and_set_on_deny() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "true").replace("deny", "transform")));
        assertThat(p.message()).contains("needs a non-empty 'set:'");
        PolicyProblem q = rejectOnly(set("crm", rule("r1", "true") + "    set: { a: '1' }\n"));
        assertThat(q.message()).contains("only allowed on transform rules");
    }

    @Test
    void rejects_transform_value_that_does_not_compile() {
        PolicyProblem p = rejectOnly(set("crm", rule("r1", "true").replace("deny", "transform")
                + "    set:\n      amount: \"args.amount +\"\n"));
        assertThat(p.message()).startsWith("set.amount: CEL error");
        assertThat(p.line()).isEqualTo(11);
    }

    @Test
    void rejects_gigantic_document_before_parsing() {
        String huge = set("crm", rule("r1", "true")) + "#" + "x".repeat(PolicySource.MAX_CHARS);
        assertThat(rejectOnly(huge).message()).contains("larger than");
    }

    @Test
    void rejects_deeply_nested_document() {
        String nested = set("crm", rule("r1", "true")) + "extra: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThat(rejectOnly(nested).message()).containsIgnoringCase("nesting");
    }

    @Test
    void rejects_alias_bomb() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'm'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *")
                    .append(p).append("]\n");
        }
        assertThat(rejectOnly(b.toString()).message()).isNotBlank();
    }

    @Test
    void rejects_deeply_nested_cel_expression() {
        String deep = "(".repeat(300) + "true" + ")".repeat(300);
        assertThat(rejectOnly(set("crm", rule("r1", "\"" + deep + "\""))).message()).contains("CEL error");
    }

    @Test
    void rejects_second_set_with_the_same_name_from_another_file() {
        assertThatThrownBy(() -> engine.load(yaml("other.yaml", GOOD)))
                .hasMessageContaining("policy set 'crm' is already defined in crm.yaml");
        assertPreviousVersionStillServes();
    }

    @Test
    void a_batch_with_one_bad_file_changes_nothing() {
        String replacement = GOOD.replace("!= \"SELECT\"", "== \"NEVER\"");
        assertThatThrownBy(() -> engine.load(List.of(yaml("crm.yaml", replacement),
                yaml("bad.yaml", set("bad", rule("r1", "nope")))))).isInstanceOf(PolicyLoadException.class);
        assertPreviousVersionStillServes();
    }
}
