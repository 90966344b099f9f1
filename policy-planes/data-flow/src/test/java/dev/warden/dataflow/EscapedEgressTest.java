package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Egress reads escaped values as the receiver decodes them (session 13, S13-1): an answer or an argument carrying
 * {@code "ann\\u0040example.com"} carries the e-mail address. Escaped findings have no span in the raw text, so in
 * redact mode such a flow is refused, not redacted. Before the fix the raw scan found nothing and the flow passed.
 */
class EscapedEgressTest {
    static final String ESCAPED_MAIL = "{\"to\":\"ann\\u0040example.com\"}";

    @Test
    void an_escaped_value_above_the_answer_clearance_is_refused() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(EgressTest.output(ESCAPED_MAIL), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.code()).isEqualTo(DataFlowCodes.EGRESS_ABOVE_CLEARANCE);
        assertThat(v.reason()).contains("EMAIL").doesNotContain("example.com");
    }

    @Test
    void in_redact_mode_an_escaped_value_is_refused_since_it_has_no_span_to_mask() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(EgressTest.output(ESCAPED_MAIL), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.reason()).contains("written with escapes");
    }

    @Test
    void in_redact_mode_a_value_both_clear_and_escaped_is_refused_since_only_the_clear_one_could_be_masked() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(EgressTest.output("{\"a\":\"ann@example.com\",\"b\":\"ann\\u0040example.com\"}"),
                        context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
    }

    @Test
    void in_redact_mode_a_clear_value_in_text_with_harmless_escapes_is_still_redacted() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.REDACT, DataFlowConfig.RedactionStyle.MASK)
                .check(EgressTest.output("{\"text\":\"mail ann@example.com\\nbye\"}"), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().content()).isEqualTo("{\"text\":\"mail [REDACTED:EMAIL]\\nbye\"}");
    }

    @Test
    void an_argument_holding_json_with_an_escaped_ssn_is_refused_for_a_public_sink() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(call(PUBLIC_POST, Map.of("text", "{\"ssn\":\"123\\u002d45\\u002d6789\"}"), "post"),
                        context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.DENY);
        assertThat(v.reason()).contains("US_SSN");
    }

    @Test
    void escapes_that_hide_nothing_still_pass() {
        Verdict v = new EgressTest().governor(DataFlowConfig.EgressMode.DENY, DataFlowConfig.RedactionStyle.MASK)
                .check(EgressTest.output("{\"text\":\"line one\\nline \\\"two\\\"\"}"), context("r"));
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
    }
}
