package dev.warden.policy;

import static dev.warden.policy.Fixtures.as;
import static dev.warden.policy.Fixtures.call;
import static dev.warden.policy.Fixtures.set;
import static dev.warden.policy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code decision: declassify} (decision 0039): a grant the data-flow plane asks for when an egress is above its sink's
 * clearance; its shape is checked at load with file, line and rule.
 */
class DeclassifyRuleTest {
    private static final String TEAM = set("team", """
              - id: requester-may-declassify-a-blog-post
                plane: data-flow
                on: [TOOL_CALL]
                when: tool.name == "publish"
                decision: declassify
                declassify: { categories: [pii], level: RESTRICTED }
                ttl: 30m
                reason: confirm only a text without personal data
            """);

    private static List<PolicyProblem> problems(String rules) {
        return PolicyEngine.builder().build().validate(List.of(yaml("team.yaml", set("team", rules))));
    }

    @Test
    void a_declassify_rule_grants_the_requester_its_categories_up_to_its_level_where_its_condition_holds() {
        PolicyEngine engine = PolicyEngine.builder().build();
        engine.load(yaml("team.yaml", TEAM));

        assertThat(engine.declassifications(call("publish", Map.of("text", "a summary"),
                Effect.EXTERNAL_COMMUNICATION), as("alice", "analyst"))).singleElement().satisfies(g -> {
                    assertThat(g.ruleId()).isEqualTo("requester-may-declassify-a-blog-post");
                    assertThat(g.categories()).containsExactly("PII");
                    assertThat(g.level()).isEqualTo(Confidentiality.RESTRICTED);
                    assertThat(g.ttl()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(g.reason()).isEqualTo("confirm only a text without personal data");
                });
        assertThat(engine.declassifications(call("send_email", Map.of("body", "x"), Effect.EXTERNAL_COMMUNICATION),
                as("alice", "analyst"))).isEmpty();
        // as a decision of its plane it never decides anything
        assertThat(engine.evaluate("data-flow", call("publish", Map.of("text", "a summary"),
                Effect.EXTERNAL_COMMUNICATION), as("alice", "analyst"))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void credentials_secrets_and_unknown_labels_cannot_be_granted() {
        assertThat(problems("""
                  - id: too-generous
                    plane: data-flow
                    on: [TOOL_CALL]
                    when: tool.name == "publish"
                    decision: declassify
                    declassify: { categories: [PII, CREDENTIALS, "*"] }
                """)).hasSize(2).allSatisfy(p -> {
                    assertThat(p.toString()).contains("team.yaml").contains("too-generous").contains("never declassified");
                    assertThat(p.line()).isEqualTo(10);
                });
    }

    @Test
    void a_declassify_rule_belongs_to_the_data_flow_plane_at_tool_calls_and_names_what_it_lowers() {
        assertThat(problems("""
                  - id: wrong-plane
                    plane: action-boundary
                    on: [TOOL_CALL, DELEGATION]
                    when: tool.name == "publish"
                    decision: declassify
                    declassify: { categories: [PII], level: SECRET }
                """)).extracting(PolicyProblem::toString).anySatisfy(s -> assertThat(s).contains("plane 'data-flow'"))
                .anySatisfy(s -> assertThat(s).contains("[TOOL_CALL] only"))
                .anySatisfy(s -> assertThat(s).contains("'SECRET' is not a level"));
        assertThat(problems("""
                  - id: says-nothing
                    plane: data-flow
                    on: [TOOL_CALL]
                    when: tool.name == "publish"
                    decision: declassify
                """)).singleElement().asString().contains("needs 'declassify:");
        assertThat(problems("""
                  - id: confused
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "publish"
                    decision: confirm
                    declassify: { categories: [PII] }
                """)).singleElement().asString().contains("only allowed on declassify rules");
        assertThat(problems("""
                  - id: empty
                    plane: data-flow
                    on: [TOOL_CALL]
                    when: tool.name == "publish"
                    decision: declassify
                    declassify: { categories: [] }
                """)).singleElement().asString().contains("at least one category");
    }
}
