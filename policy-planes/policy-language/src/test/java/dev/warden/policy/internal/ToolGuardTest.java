package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool-name pre-filter skips rules that cannot match and never changes a decision. */
class ToolGuardTest {
    static final String DOC = """
            apiVersion: warden.dev/v1
            kind: PolicySet
            metadata: { name: guards, version: 1 }
            rules:
              - id: exact
                plane: action-boundary
                on: [TOOL_CALL]
                when: args.n > 1 && tool.name == "a"
                decision: deny
              - id: listed
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name in ["b", "c"] && args.n > 1
                decision: deny
              - id: prefixed
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name.startsWith("crm.") && args.n > 1
                decision: deny
              - id: unguarded
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "d" || args.n > 100
                decision: deny
              - id: either-prefix
                plane: action-boundary
                on: [TOOL_CALL]
                when: (tool.name.startsWith("iam.") || tool.name.startsWith("secrets.")) && args.n > 1
                decision: deny
              - id: writes-by-juniors
                plane: action-boundary
                on: [TOOL_CALL]
                when: '"WRITE" in tool.effects && "junior" in user.roles && args.n > 1'
                decision: deny
              - id: undeclared-after-untrusted
                plane: action-boundary
                on: [TOOL_CALL]
                when: '!tool.declared && context.labels.untrusted && args.n > 1'
                decision: deny
            """;

    static PolicyEngine engine() {
        PolicyEngine e = PolicyEngine.builder().build();
        e.load(new PolicySource("guards.yaml", DOC));
        return e;
    }

    static Decision call(PolicyEngine e, String tool, int n) {
        return call(e, ToolDescriptor.named(tool, Effect.READ), Principal.of("u"), false, n);
    }

    static Decision call(PolicyEngine e, ToolDescriptor d, Principal user, boolean untrusted, int n) {
        GovernanceContext ctx = GovernanceContext.of(user, new AgentIdentity("a", null, null));
        if (untrusted) {
            ctx = ctx.withLabelsJoined(dev.warden.core.Labels.untrusted());
        }
        return e.evaluate("action-boundary", CheckpointRequest.toolCall(1, d, "c1", Map.of("n", n)), ctx);
    }

    @Test
    void disjunctions_effects_roles_and_labels_prefilter_without_changing_decisions() {
        PolicyEngine e = engine();
        assertThat(call(e, "secrets.read", 2).basis().ruleIds()).containsExactly("either-prefix");
        assertThat(call(e, "iam.grant", 2).basis().ruleIds()).containsExactly("either-prefix");
        ToolDescriptor write = ToolDescriptor.named("docs.update", Effect.WRITE);
        assertThat(call(e, write, Principal.of("j", "junior"), false, 2).basis().ruleIds())
                .containsExactly("writes-by-juniors");
        assertThat(call(e, write, Principal.of("s", "senior"), false, 2)).isInstanceOf(Decision.Allow.class);
        assertThat(call(e, ToolDescriptor.named("docs.read", Effect.READ), Principal.of("j", "junior"), false, 2))
                .isInstanceOf(Decision.Allow.class);
        ToolDescriptor undeclared = new ToolDescriptor("mystery", null, java.util.Set.of(), null, null, null, false);
        assertThat(call(e, undeclared, Principal.of("u"), true, 2).basis().ruleIds())
                .containsExactly("undeclared-after-untrusted");
        assertThat(call(e, undeclared, Principal.of("u"), false, 2)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void guarded_rules_still_decide_for_their_tools_and_only_for_them() {
        PolicyEngine e = engine();
        assertThat(call(e, "a", 2).basis().ruleIds()).containsExactly("exact");
        assertThat(call(e, "c", 2).basis().ruleIds()).containsExactly("listed");
        assertThat(call(e, "crm.read", 2).basis().ruleIds()).containsExactly("prefixed");
        assertThat(call(e, "x", 2)).isInstanceOf(Decision.Allow.class);
        assertThat(call(e, "a", 0)).isInstanceOf(Decision.Allow.class);
        // a disjunction is not a guard: the rule is evaluated for every tool
        assertThat(call(e, "x", 101).basis().ruleIds()).containsExactly("unguarded");
    }
}
