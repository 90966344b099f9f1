package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointAttributes;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Labels;
import dev.warden.core.ModelInputs;
import dev.warden.core.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data-flow plane at MODEL_REQUEST, on the parts a request describes (fail closed on what it cannot know). */
class ModelClearanceTest {
    static final Labels RESTRICTED = Labels.of(Confidentiality.RESTRICTED, "PII");
    final GovernanceContext ctx = GovernanceContext.of(Principal.of("alice"), AgentIdentity.of("a"));

    static CheckpointRequest request(String model, List<ModelInputs.Part> parts) {
        Map<String, Object> attrs = new java.util.HashMap<>();
        attrs.put(CheckpointAttributes.MODEL, model);
        if (parts != null) {
            attrs.put(CheckpointAttributes.MODEL_INPUTS, ModelInputs.describe(parts));
        }
        return new CheckpointRequest(Checkpoint.MODEL_REQUEST, 2, null, null, null, null, null, "open_ai", attrs);
    }

    @Test
    void a_part_of_unknown_labels_is_withheld_from_a_hosted_model() {
        Decision d = new DataFlowPlane().evaluate(request("gpt-4o", List.of(
                new ModelInputs.Part("m1", "user", null, Labels.PUBLIC, true),
                new ModelInputs.Part("m2", "tool", "crm.note", null, false))), ctx);

        assertThat(d).isInstanceOfSatisfying(Decision.Transform.class, t -> assertThat(t.arguments())
                .containsExactly(Map.entry("m2", "[withheld: UNKNOWN LABELS]")));
    }

    @Test
    void in_deny_mode_unknown_labels_refuse_the_step_with_their_own_code() {
        ModelClearances deny = ModelClearances.builder().defaultMode(ModelClearances.Mode.DENY).build();
        Decision d = new DataFlowPlane(DataFlowConfig.builder().build(), deny).evaluate(request("gpt-4o", List.of(
                new ModelInputs.Part("m2", "tool", "crm.note", null, false))), ctx);

        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class,
                x -> assertThat(x.code()).isEqualTo(DataFlowCodes.MODEL_INPUT_UNLABELLED));
    }

    @Test
    void a_request_that_describes_no_parts_is_judged_by_the_context_and_refused_above_clearance() {
        Decision d = new DataFlowPlane().evaluate(request("gpt-4o", null), ctx.withLabelsJoined(RESTRICTED));

        assertThat(d).isInstanceOfSatisfying(Decision.Deny.class,
                x -> assertThat(x.code()).isEqualTo(DataFlowCodes.MODEL_ABOVE_CLEARANCE));
        assertThat(new DataFlowPlane().evaluate(request("gpt-4o", null), ctx)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void a_model_is_cleared_by_name_before_its_provider() {
        ModelClearances m = ModelClearances.builder().clearance("open_ai", Labels.of(Confidentiality.INTERNAL))
                .clearance("local", Labels.UNRESTRICTED).build();

        assertThat(m.clearanceOf("local", "open_ai")).isEqualTo(Labels.UNRESTRICTED);
        assertThat(m.clearanceOf("gpt-4o", "open_ai")).isEqualTo(Labels.of(Confidentiality.INTERNAL));
        assertThat(m.clearanceOf("gpt-4o", "anthropic")).isEqualTo(ModelClearances.HOSTED_DEFAULT);
    }

    @Test
    void a_malformed_part_descriptor_counts_as_unknown() {
        CheckpointRequest r = request("gpt-4o", List.of()).withAttributes(Map.of(CheckpointAttributes.MODEL_INPUTS,
                List.of(Map.of("id", "m1", "level", "TOP-SECRET", "known", true))));

        assertThat(new DataFlowPlane().evaluate(r, ctx)).isInstanceOf(Decision.Transform.class);
    }
}
