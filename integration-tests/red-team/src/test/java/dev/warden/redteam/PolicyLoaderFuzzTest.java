package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.Effect;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Principal;
import dev.warden.core.ToolDescriptor;
import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyLoadException;
import dev.warden.policy.PolicySource;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated policy documents (the banking sample's own) through the loader: a load either succeeds or fails with a
 * {@link PolicyLoadException}, never another exception; and a rejected reload keeps the previous version active, so
 * the attacker's transfer stays denied.
 */
class PolicyLoaderFuzzTest {
    static final String SHIPPED = PolicySource.classpath("policies/banking.yaml").text();
    static final ToolDescriptor SEND = new ToolDescriptor("send_money", null, java.util.Set.of(Effect.FINANCIAL,
            Effect.WRITE), null, null, null, true);

    @Property(tries = 150)
    void a_mutated_document_loads_or_is_rejected_cleanly_and_a_rejection_changes_nothing(
            @ForAll("mutations") String mutated) {
        PolicyEngine engine = PolicyEngine.builder()
                .dataSet(dev.warden.policy.PolicyDataSet.of("known-payees", java.util.List.of())).build();
        engine.load(new PolicySource("banking", SHIPPED));
        try {
            engine.load(new PolicySource("banking", mutated));
        } catch (PolicyLoadException rejected) {
            assertThat(rejected.problems()).isNotEmpty();
            assertThat(attackerTransfer(engine)).isInstanceOf(Decision.Deny.class);
        }
    }

    static Decision attackerTransfer(PolicyEngine engine) {
        CheckpointRequest req = CheckpointRequest.toolCall(2, SEND, "c1", Map.of("recipient",
                "GB33BUKB20201555555555", "amount", 300.0, "subject", "fee", "date", "2026-11-25"))
                .withAttributes(Map.of(CheckpointAttributes.USER_INPUT, "Show me my transactions",
                        // as the runtime attaches it: the IBAN came from nowhere the user or their records gave
                        CheckpointAttributes.PROVENANCE, Map.of("recipient", untraced(), "amount", untraced(),
                                "subject", untraced(), "date", untraced())));
        return engine.evaluate("action-boundary", req, GovernanceContext.of(Principal.of("alice", "customer"),
                AgentIdentity.of("banking-assistant")));
    }

    private static Map<String, Object> untraced() {
        return Map.of("kind", "none", "source", "", "derived", false, "contested", false, "known", false);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, SHIPPED.length() - 1);
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 40);
        Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of(": ", "- ", "\t", "{", "}", "[", "]", "'", "\"", "&a", "*a", "!!binary ", "\n  ",
                        "when: true", "decision: allow", "&&", "||", "(", ")", "null", "${x}", "\u0000"));
        return Combinators.combine(pos, len, junk, Arbitraries.integers().between(0, 2)).as((p, l, j, op) -> {
            int end = Math.min(SHIPPED.length(), p + l);
            return switch (op) {
                case 0 -> SHIPPED.substring(0, p) + SHIPPED.substring(end);
                case 1 -> SHIPPED.substring(0, p) + j + SHIPPED.substring(p);
                default -> SHIPPED.substring(0, p) + j + SHIPPED.substring(end);
            };
        });
    }
}
