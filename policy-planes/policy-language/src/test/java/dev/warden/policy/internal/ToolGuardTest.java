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
import java.util.List;
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
              - id: deep-risky-hr
                plane: action-boundary
                on: [TOOL_CALL]
                when: 'context.depth >= 1 && tool.risk in ["HIGH", "CRITICAL"] && "HR" in context.labels.categories && agent.id == "a" && task.purpose == "" && args.n > 1'
                decision: deny
              - id: non-readers-busy
                plane: action-boundary
                on: [TOOL_CALL]
                when: '!("reader" in user.roles) && context.usage.toolCalls >= 3 && tool.name == "kb.search"'
                decision: deny
              - id: frozen-restricted
                plane: action-boundary
                on: [TOOL_CALL]
                when: '"freeze" in user.attributes && context.labels.atLeast("RESTRICTED") && tool.name == "vault.read"'
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
    void depth_risk_categories_agent_and_purpose_prefilter_without_changing_decisions() {
        PolicyEngine e = engine();
        ToolDescriptor risky = new ToolDescriptor("ops.restart", null, java.util.Set.of(Effect.READ), null, null,
                dev.warden.core.Risk.HIGH, true);
        GovernanceContext base = GovernanceContext.of(Principal.of("u"), new AgentIdentity("a", null, null))
                .withLabelsJoined(dev.warden.core.Labels.of(dev.warden.core.Confidentiality.INTERNAL, "HR"));
        GovernanceContext delegated = new GovernanceContext(base.user(), base.agent(), base.task(),
                List.of(new dev.warden.core.Hop("planner", java.util.Set.of())), base.labels(), base.usage());
        Decision d = e.evaluate("action-boundary", CheckpointRequest.toolCall(1, risky, "c", Map.of("n", 2)), delegated);
        assertThat(d.basis().ruleIds()).containsExactly("deep-risky-hr");
        assertThat(e.evaluate("action-boundary", CheckpointRequest.toolCall(1, risky, "c", Map.of("n", 2)), base))
                .isInstanceOf(Decision.Allow.class);
        ToolDescriptor calm = ToolDescriptor.named("ops.status", Effect.READ);
        assertThat(e.evaluate("action-boundary", CheckpointRequest.toolCall(1, calm, "c", Map.of("n", 2)), delegated))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void negated_memberships_and_usage_counters_prefilter_without_changing_decisions() {
        PolicyEngine e = engine();
        ToolDescriptor kb = ToolDescriptor.named("kb.search", Effect.READ);
        GovernanceContext busy = new GovernanceContext(Principal.of("w", "writer"), new AgentIdentity("a", null, null),
                null, List.of(), null, new dev.warden.core.Usage(1, 3, 0, 0));
        GovernanceContext busyReader = new GovernanceContext(Principal.of("r", "reader"),
                new AgentIdentity("a", null, null), null, List.of(), null, new dev.warden.core.Usage(1, 3, 0, 0));
        GovernanceContext idle = new GovernanceContext(Principal.of("w", "writer"), new AgentIdentity("a", null, null),
                null, List.of(), null, new dev.warden.core.Usage(1, 2, 0, 0));
        CheckpointRequest call = CheckpointRequest.toolCall(1, kb, "c", Map.of("n", 0));
        assertThat(e.evaluate("action-boundary", call, busy).basis().ruleIds()).containsExactly("non-readers-busy");
        assertThat(e.evaluate("action-boundary", call, busyReader)).isInstanceOf(Decision.Allow.class);
        assertThat(e.evaluate("action-boundary", call, idle)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void attributes_and_label_levels_prefilter_without_changing_decisions() {
        PolicyEngine e = engine();
        CheckpointRequest call = CheckpointRequest.toolCall(1, ToolDescriptor.named("vault.read", Effect.READ), "c",
                Map.of("n", 0));
        Principal frozen = new Principal("f", null, java.util.Set.of(), Map.of("freeze", "on"));
        GovernanceContext restricted = GovernanceContext.of(frozen, new AgentIdentity("a", null, null))
                .withLabelsJoined(dev.warden.core.Labels.of(dev.warden.core.Confidentiality.RESTRICTED));
        GovernanceContext internal = GovernanceContext.of(frozen, new AgentIdentity("a", null, null))
                .withLabelsJoined(dev.warden.core.Labels.of(dev.warden.core.Confidentiality.INTERNAL));
        GovernanceContext thawed = GovernanceContext.of(Principal.of("t"), new AgentIdentity("a", null, null))
                .withLabelsJoined(dev.warden.core.Labels.of(dev.warden.core.Confidentiality.RESTRICTED));
        assertThat(e.evaluate("action-boundary", call, restricted).basis().ruleIds()).containsExactly("frozen-restricted");
        assertThat(e.evaluate("action-boundary", call, internal)).isInstanceOf(Decision.Allow.class);
        assertThat(e.evaluate("action-boundary", call, thawed)).isInstanceOf(Decision.Allow.class);
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
