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
            """;

    static PolicyEngine engine() {
        PolicyEngine e = PolicyEngine.builder().build();
        e.load(new PolicySource("guards.yaml", DOC));
        return e;
    }

    static Decision call(PolicyEngine e, String tool, int n) {
        ToolDescriptor d = ToolDescriptor.named(tool, Effect.READ);
        return e.evaluate("action-boundary", CheckpointRequest.toolCall(1, d, "c1", Map.of("n", n)),
                GovernanceContext.of(Principal.of("u"), new AgentIdentity("a", null, null)));
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
