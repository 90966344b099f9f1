package dev.warden.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicySource;
import dev.warden.policy.PrecompiledPolicies;
import dev.warden.spi.RuleVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the build records for classpath policies (decision 0059), without booting an application. */
class BuildTimePolicyFormsTest {
    private static final PolicySource DOC = new PolicySource("classpath:policies/x.yaml", """
            apiVersion: warden.dev/v1
            kind: PolicySet
            metadata: { name: x, version: 1 }
            rules:
              - id: big
                plane: action-boundary
                on: [TOOL_CALL]
                when: tool.name == "pay" && args.amount > 100
                decision: deny
              - id: per-run
                plane: rate
                on: [TOOL_CALL]
                when: tool.name == "pay" && args.amount > 1
                decision: allow
              - id: odd
                plane: "Not A Plane!"
                on: [TOOL_CALL]
                when: tool.name == "x"
                decision: deny
              - id: broken
                plane: identity
                on: [TOOL_CALL]
                when: user.rolez == 1
                decision: deny
            """);

    @Test
    void rules_of_planes_the_build_cannot_know_are_recorded_and_broken_rules_are_not() {
        PrecompiledPolicies forms = PolicyBuildProcessor.BuildTimePolicyCheck.precompile(List.of(DOC));
        // every rule that compiles, whatever plane it names (a name no plane has is refused at startup as before);
        // never the broken one, whose error only the compiler reports
        assertThat(forms.expressions()).isEqualTo(3);

        PolicySource fixed = new PolicySource(DOC.id(), DOC.text().replace("user.rolez == 1", "true")
                .replace("\"Not A Plane!\"", "action-boundary"));
        PolicyEngine runtime = PolicyEngine.builder().precompiled(forms)
                .vocabulary(RuleVocabulary.builder("rate").build()).build();
        runtime.load(fixed); // another text: nothing is taken from the forms
        assertThat(runtime.precompiledExpressionsUsed()).isZero();
    }

    @Test
    void no_classpath_policies_record_nothing() {
        assertThat(PolicyBuildProcessor.BuildTimePolicyCheck.precompile(List.of()).expressions()).isZero();
    }
}
