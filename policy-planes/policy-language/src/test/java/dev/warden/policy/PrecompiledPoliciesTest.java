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
import dev.warden.core.GovernanceContext;
import dev.warden.spi.RuleVocabulary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies compiled ahead of time (decision 0059): used only for the exact document and environment. */
class PrecompiledPoliciesTest {
    private static final List<PolicySource> CORPUS = List.of(PolicySource.classpath("policies/crm-analyst.yaml"),
            PolicySource.classpath("policies/overrides.yaml"));

    private static PolicyEngine.Builder engine() {
        return PolicyEngine.builder().clock(Fixtures.MONDAY_10_UTC);
    }

    private static PrecompiledPolicies roundTrip(PrecompiledPolicies forms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forms.write(out);
        return PrecompiledPolicies.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void documents_loaded_from_their_precompiled_forms_decide_as_documents_compiled_at_load() throws IOException {
        PrecompiledPolicies forms = roundTrip(engine().build().precompile(CORPUS));
        PolicyEngine compiled = engine().build();
        compiled.load(CORPUS);
        PolicyEngine precompiled = engine().precompiled(forms).build();
        precompiled.load(CORPUS);

        assertThat(forms.expressions()).isEqualTo(14); // 11 conditions and 3 transform values
        assertThat(precompiled.precompiledExpressionsUsed()).isEqualTo(forms.expressions());
        assertThat(compiled.precompiledExpressionsUsed()).isZero();
        assertThat(precompiled.policySets()).isEqualTo(compiled.policySets());
        List<CheckpointRequest> requests = List.of(call("crm.update", Map.of(), Effect.WRITE),
                call("sql.query", Map.of("query", "DELETE FROM t")), call("sql.query", Map.of("query", "SELECT 1")),
                call("email.send", Map.of("to", "x@evil.example")), call("email.send", Map.of("to", "a@acme.com")),
                call("web.fetch", Map.of("url", "https://evil.example/")),
                call("payments.transfer", Map.of("amount", 5000)), call("payments.transfer", Map.of("amount", 10)),
                call("email.send", Map.of("to", "a@acme.com"), Effect.EXTERNAL_COMMUNICATION));
        for (GovernanceContext who : List.of(as("alice"), as("jo", "junior-analyst"))) {
            for (CheckpointRequest r : requests) {
                for (String plane : PolicyEngine.BUILT_IN_PLANES) {
                    assertThat(precompiled.evaluate(plane, r, who)).as(plane + " " + r.toolName())
                            .isEqualTo(compiled.evaluate(plane, r, who));
                }
            }
        }
    }

    @Test
    void a_changed_document_is_compiled_at_load_with_its_errors_on_file_line_and_rule() {
        String v1 = set("s", """
                  - id: big
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "pay" && args.amount > 100
                    decision: deny
                """);
        PrecompiledPolicies forms = engine().build().precompile(List.of(yaml("s.yaml", v1)));
        assertThat(forms.expressions()).isEqualTo(1);
        PolicySource v2 = yaml("s.yaml", v1.replace("args.amount > 100", "user.rolez == 1"));

        PolicyEngine plain = engine().build();
        PolicyEngine withForms = engine().precompiled(forms).build();
        assertThatThrownBy(() -> withForms.load(v2)).isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("rolez").hasMessage(catchMessage(() -> plain.load(v2)));
        assertThat(withForms.precompiledExpressionsUsed()).isZero();

        PolicySource renamed = yaml("s.yaml", v1.replace("\"pay\"", "\"pay_out\""));
        withForms.load(renamed); // same shape, other text: compiled, not taken from the form of "pay"
        assertThat(withForms.precompiledExpressionsUsed()).isZero();
        assertThat(withForms.evaluate("action-boundary", call("pay_out", Map.of("amount", 500)), as("a")))
                .isInstanceOf(Decision.Deny.class);
        assertThat(withForms.evaluate("action-boundary", call("pay", Map.of("amount", 500)), as("a")))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_plugin_plane_with_its_own_vocabulary_compiles_its_rules_at_load_and_an_empty_one_uses_the_forms() {
        PolicySource doc = yaml("r.yaml", set("r", """
                  - id: std
                    plane: action-boundary
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: deny
                  - id: plugin
                    plane: rate
                    on: [TOOL_CALL]
                    when: tool.name == "send_money"
                    decision: deny
                """));
        // as the build sees it: the plugin plane is only a name, with the standard vocabulary
        PrecompiledPolicies forms = engine().plane("rate").build().precompile(List.of(doc));
        assertThat(forms.expressions()).isEqualTo(1); // one text, one environment: one form

        PolicyEngine emptyVocabulary = engine().precompiled(forms).vocabulary(RuleVocabulary.builder("rate").build())
                .build();
        emptyVocabulary.load(doc);
        assertThat(emptyVocabulary.precompiledExpressionsUsed()).isEqualTo(2);

        RuleVocabulary own = RuleVocabulary.builder("rate")
                .variable("calls", RuleVocabulary.Type.INT, "calls so far", (r, c) -> 3L).build();
        PolicyEngine ownVocabulary = engine().precompiled(forms).vocabulary(own).build();
        ownVocabulary.load(doc);
        assertThat(ownVocabulary.precompiledExpressionsUsed()).isEqualTo(1); // the rate rule was compiled
        assertThat(ownVocabulary.evaluate("rate", call("send_money", Map.of()), as("a")))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void a_file_that_is_not_precompiled_policies_is_refused_by_read() {
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5})))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class);
        byte[] negativeLength = {0x57, 0x50, 0x43, 0x31, 0, 0, 0, 1, 0, 1, 'd', 0, 0, 0, 1, -1, -1, -1, -1};
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(negativeLength)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_corrupted_file_is_detected_by_its_checksum_even_where_it_would_still_decode() throws IOException {
        PrecompiledPolicies forms = engine().build().precompile(CORPUS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forms.write(out);
        byte[] good = out.toByteArray();
        assertThat(PrecompiledPolicies.read(new ByteArrayInputStream(good)).expressions())
                .isEqualTo(forms.expressions());
        // one byte of one expression's text (the key): it still decodes, into another key, were it not checked
        String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("tool.name") + 5;
        byte[] flipped = good.clone();
        flipped[at] = (byte) 'N';
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(flipped)))
                .isInstanceOf(IOException.class).hasMessageContaining("checksum");
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> PrecompiledPolicies.read(new ByteArrayInputStream(longer)))
                .isInstanceOf(IOException.class);
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            return "(no exception)";
        } catch (PolicyLoadException e) {
            return e.getMessage();
        }
    }
}
