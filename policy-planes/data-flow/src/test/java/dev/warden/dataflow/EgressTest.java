package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EgressTest {
    static final Labels USER_CLEARANCE = Labels.of(Confidentiality.CONFIDENTIAL, "FINANCIAL");

    Governor governor(DataFlowConfig.EgressMode mode, DataFlowConfig.RedactionStyle style) {
        return Governor.builder().plane(new DataFlowPlane(DataFlowConfig.builder()
                .sinkClearance(DataFlowConfig.USER_CHANNEL, USER_CLEARANCE)
                .sinkClearance("research-agent", Labels.of(Confidentiality.PUBLIC))
                .egressMode(mode).redactionStyle(style).tokenKey(new byte[32]).build())).build();
    }

    static CheckpointRequest output(String text) {
        return new CheckpointRequest(Checkpoint.AGENT_OUTPUT, 3, null, null, null, text, null, "user", null);
    }

    @Test
    void context_above_the_user_clearance_is_denied_with_a_stable_code() {
        GovernanceContext ctx = context("r").withLabelsJoined(Labels.of(Confidentiality.RESTRICTED, "PHI"));
        Verdict v = governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(output("all fine"), ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
        assertThat(v.reason()).contains("RESTRICTED[PHI]", "'user'");
    }

    @Test
    void tool_arguments_above_the_tool_sink_clearance_are_denied() {
        Verdict v = governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(call(PUBLIC_POST, Map.of("text", "ssn 123-45-6789"), "post"), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.reason()).contains("US_SSN").doesNotContain("123-45-6789");
    }

    @Test
    void redaction_masks_offending_spans_and_keeps_permitted_ones() {
        Verdict v = governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(output("Mail ann@example.com about " + FRIEND_IBAN), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().content()).isEqualTo("Mail [REDACTED:EMAIL] about " + FRIEND_IBAN);
        assertThat(v.reason()).contains("EMAIL").doesNotContain("ann@example.com");
    }

    @Test
    void tokenization_is_stable_and_hides_the_value() {
        Governor g = governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.TOKENIZE);
        String a = g.check(output("ann@example.com"), context("r")).effectiveRequest().content();
        String b = g.check(output("ANN@example.com"), context("r")).effectiveRequest().content();
        assertThat(a).matches("\\[EMAIL:[0-9a-f]{12}]").isEqualTo(b);
    }

    @Test
    void redaction_reaches_nested_tool_arguments() {
        Verdict v = governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK).check(call(
                PUBLIC_POST, Map.of("post", Map.of("lines", List.of("hi", "call +44 20 7946 0958"))), "post"),
                context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().arguments().toString()).contains("[REDACTED:PHONE]").doesNotContain("7946");
    }

    @Test
    void redaction_cannot_help_when_nothing_detectable_exceeds_clearance() {
        GovernanceContext ctx = context("r").withLabelsJoined(Labels.of(Confidentiality.RESTRICTED, "PHI"));
        Verdict v = governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(output("the diagnosis is bad"), ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void delegation_is_checked_against_the_target_agent_clearance() {
        CheckpointRequest d = new CheckpointRequest(Checkpoint.DELEGATION, 2, null, null, null,
                "summarise ann@example.com's file", null, "research-agent", null);
        Verdict v = governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK).check(d, context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.reason()).contains("research-agent");
    }

    @Test
    void untrusted_integrity_alone_is_not_an_egress_violation() {
        GovernanceContext ctx = context("r").withLabelsJoined(Labels.untrusted());
        Verdict v = governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(output("ok"), ctx);
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void binary_output_to_a_finite_clearance_is_refused() {
        Verdict v = governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(output("\u0000\u0001\u0002"), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.code()).isEqualTo(DataFlowCodes.EGRESS_UNSCANNABLE);
    }
}
