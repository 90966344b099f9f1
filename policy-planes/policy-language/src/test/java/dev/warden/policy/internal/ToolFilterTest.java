package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-tool narrowing of a rule group: cached per tool name and per descriptor instance, never reused for a
 * different descriptor of the same name; and no pre-check where a {@code dyn} conjunct could make CEL report an error.
 */
class ToolFilterTest {
    static final String DOC = """
            apiVersion: warden.dev/v1
            kind: PolicySet
            metadata: { name: filters, version: 1 }
            rules:
              - id: no-writes-to-crm
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name.startsWith("crm.") && "WRITE" in tool.effects
                decision: deny
              - id: flagged-exports
                plane: action-boundary
                on: [TOOL_CALL]
                when: args.flag && tool.name == "export"
                decision: deny
            """;

    static PolicyEngine engine() {
        PolicyEngine e = PolicyEngine.builder().clock(NativeConditionDifferentialTest.CLOCK).build();
        e.load(new PolicySource("filters.yaml", DOC));
        return e;
    }

    static Decision call(PolicyEngine e, ToolDescriptor tool, Map<String, Object> args) {
        return e.evaluate("action-boundary", CheckpointRequest.toolCall(1, tool, "c", args),
                NativeConditionTest.ANALYST);
    }

    @Test
    void sameNameDifferentDescriptorsAreFilteredEachOnItsOwn() {
        PolicyEngine e = engine();
        ToolDescriptor read = ToolDescriptor.named("crm.update", Effect.READ);
        ToolDescriptor write = ToolDescriptor.named("crm.update", Effect.WRITE);
        for (int i = 0; i < 3; i++) { // alternate so each call meets the other descriptor in the cache
            assertThat(call(e, read, Map.of())).isInstanceOf(Decision.Allow.class);
            assertThat(call(e, write, Map.of())).isInstanceOf(Decision.Deny.class);
        }
        assertThat(call(e, ToolDescriptor.named("erp.update", Effect.WRITE), Map.of()))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void manyToolNamesBeyondTheCacheStillDecideCorrectly() {
        PolicyEngine e = engine();
        for (int i = 0; i < RuleIndex.Group.TOOL_CACHE + 50; i++) {
            assertThat(call(e, ToolDescriptor.named("crm.t" + i, Effect.WRITE), Map.of()))
                    .isInstanceOf(Decision.Deny.class);
        }
    }

    @Test
    void aNonBooleanArgumentBeforeAFalseToolConjunctFailsAsInCel() {
        PolicyEngine e = engine();
        // cel-java: a non-boolean left operand of && is an error even when the right operand is false
        assertThat(call(e, ToolDescriptor.named("other", Effect.READ), Map.of("flag", "yes")))
                .isInstanceOf(Decision.Failure.class);
        assertThat(call(e, ToolDescriptor.named("other", Effect.READ), Map.of("flag", true)))
                .isInstanceOf(Decision.Allow.class);
        assertThat(call(e, ToolDescriptor.named("export", Effect.READ), Map.of("flag", true)))
                .isInstanceOf(Decision.Deny.class);
    }
}
