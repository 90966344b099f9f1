package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.spi.PolicyPlane;
import dev.warden.spi.RuleVocabulary;
import dev.warden.spi.RuleVocabulary.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** YAML rules that target a plugin plane, with the plugin's own variables and functions. */
class PluginPlaneRulesTest {
    private final AtomicLong calls = new AtomicLong();

    private RuleVocabulary rateVocabulary() {
        return RuleVocabulary.builder("per-user-rate")
                .variable("calls", Type.INT, "calls of this tool by this user in the window",
                        (req, ctx) -> calls.get())
                .variable("window", Type.MAP, "the window", (req, ctx) -> Map.of("hours", 1, "name", "1h"))
                .function("quota.left", List.of(Type.STRING, Type.INT), Type.INT, "calls left of n",
                        args -> (Long) args.get(1) - calls.get())
                .build();
    }

    private PolicyEngine engine() {
        return PolicyEngine.builder().clock(Fixtures.MONDAY_10_UTC).vocabulary(rateVocabulary()).build();
    }

    @Test
    void yaml_rule_targeting_a_plugin_plane_uses_its_variables_and_functions() {
        PolicyEngine engine = engine();
        engine.load(yaml("rate.yaml", set("rate", """
                  - id: max-5-send-money-per-hour
                    plane: per-user-rate
                    on: [TOOL_CALL]
                    when: 'tool.name == "send_money" && (calls >= 5 || quota.left(user.id, 5) <= 0) && window.hours == 1'
                    decision: deny
                    reason: at most 5 send_money per user per hour
                """)));
        CheckpointRequest send = call("send_money", Map.of());
        calls.set(4);
        assertThat(engine.evaluate("per-user-rate", send, as("alice"))).isInstanceOf(Decision.Allow.class);
        calls.set(5);
        Decision d = engine.evaluate("per-user-rate", send, as("alice"));
        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class, deny -> {
            assertThat(deny.reason()).isEqualTo("at most 5 send_money per user per hour");
            assertThat(deny.basis().plane()).isEqualTo("per-user-rate");
            assertThat(deny.basis().ruleIds()).containsExactly("max-5-send-money-per-hour");
        });
    }

    @Test
    void mistyped_plugin_variable_fails_the_load_with_file_line_and_rule() {
        PolicyEngine engine = engine();
        assertThatThrownBy(() -> engine.load(yaml("rate.yaml", set("rate", """
                  - id: typo
                    plane: per-user-rate
                    on: [TOOL_CALL]
                    when: 'calls == "five"'
                    decision: deny
                """)))).isInstanceOfSatisfying(PolicyLoadException.class, e -> {
                    PolicyProblem p = e.problems().get(0);
                    assertThat(p.source()).isEqualTo("rate.yaml");
                    assertThat(p.line()).isEqualTo(8);
                    assertThat(p.ruleId()).isEqualTo("typo");
                    assertThat(p.message()).contains("when:").contains("_==_");
                });
    }

    @Test
    void plugin_variables_are_invisible_to_rules_of_other_planes() {
        PolicyEngine engine = engine();
        assertThatThrownBy(() -> engine.load(yaml("ab.yaml", set("ab", """
                  - id: borrowed
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: 'calls > 3'
                    decision: deny
                """)))).isInstanceOfSatisfying(PolicyLoadException.class, e ->
                        assertThat(e.problems().get(0).message()).contains("undeclared reference to 'calls'"));
    }

    @Test
    void unknown_plane_still_fails_and_lists_the_plugin_planes() {
        PolicyEngine engine = engine();
        assertThatThrownBy(() -> engine.load(yaml("x.yaml", set("x", """
                  - id: r
                    plane: per-user-rat
                    on: [TOOL_CALL]
                    when: 'true'
                    decision: deny
                """)))).isInstanceOfSatisfying(PolicyLoadException.class, e ->
                        assertThat(e.problems().get(0).message()).isEqualTo(
                                "unknown plane 'per-user-rat' (known: action-boundary, data-flow, identity, "
                                        + "per-user-rate)"));
    }

    @Test
    void rule_naming_a_plane_without_vocabulary_is_refused_because_it_would_never_run() {
        PolicyEngine engine = PolicyEngine.builder().planes(List.of(new RulelessPlane())).build();
        assertThatThrownBy(() -> engine.load(yaml("x.yaml", set("x", """
                  - id: r
                    plane: crm-read-only
                    on: [TOOL_CALL]
                    when: 'true'
                    decision: deny
                """)))).isInstanceOfSatisfying(PolicyLoadException.class, e ->
                        assertThat(e.problems().get(0).message()).contains("plane 'crm-read-only' takes no YAML rules"));
    }

    @Test
    void resolver_that_throws_makes_the_rule_a_failure_not_an_allow() {
        PolicyEngine engine = PolicyEngine.builder().vocabulary(RuleVocabulary.builder("flaky")
                .variable("score", Type.INT, "", (req, ctx) -> {
                    throw new IllegalStateException("store down");
                }).build()).build();
        engine.load(yaml("f.yaml", set("f", """
                  - id: score-gate
                    plane: flaky
                    on: [TOOL_CALL]
                    when: 'score > 3'
                    decision: deny
                """)));
        assertThat(engine.evaluate("flaky", call("t", Map.of()), as("alice"))).isInstanceOf(Decision.Failure.class);
    }

    @Test
    void vocabulary_that_shadows_a_warden_name_fails_the_build() {
        assertThatThrownBy(() -> PolicyEngine.builder().vocabulary(RuleVocabulary.builder("p")
                .variable("user", Type.STRING, "", (r, c) -> "x").build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'user'");
        assertThatThrownBy(() -> PolicyEngine.builder().vocabulary(RuleVocabulary.builder("p")
                .function("sql.rows", List.of(Type.STRING), Type.INT, "", a -> 1L).build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sql'");
    }

    @Test
    void a_plane_vocabulary_must_name_the_plane_itself() {
        PolicyPlane liar = new RulelessPlane() {
            @Override
            public RuleVocabulary vocabulary() {
                return RuleVocabulary.builder("someone-else").build();
            }
        };
        assertThatThrownBy(() -> PolicyEngine.builder().planes(List.of(liar)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("someone-else");
    }

    static class RulelessPlane implements PolicyPlane {
        @Override
        public String name() {
            return "crm-read-only";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of(Checkpoint.TOOL_CALL);
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return Decision.allow(name());
        }
    }
}
