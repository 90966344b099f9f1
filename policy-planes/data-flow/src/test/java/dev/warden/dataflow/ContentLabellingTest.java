package dev.warden.dataflow;

import static dev.warden.dataflow.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Confidentiality;
import dev.warden.core.Decision;
import dev.warden.core.Governor;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.core.Outcome;
import dev.warden.core.Verdict;
import org.junit.jupiter.api.Test;

class ContentLabellingTest {
    final DataFlowPlane plane = new DataFlowPlane(DataFlowConfig.builder()
            .fieldLabels("ssn", Labels.of(Confidentiality.RESTRICTED, "PII"))
            .build());
    final Governor governor = Governor.builder().plane(plane).build();

    Labels effective(CheckpointRequest request) {
        Verdict v = governor.check(request, context("run-1"));
        assertThat(v.proceeds()).isTrue();
        return v.effectiveRequest().contentLabels();
    }

    @Test
    void structured_field_labels_raise_the_result() {
        Labels l = effective(result(CRM, "{\"name\":\"Ann\",\"record\":{\"SSN\":\"n/a\"}}", "look up Ann"));
        assertThat(l.level()).isEqualTo(Confidentiality.RESTRICTED);
        assertThat(l.categories()).contains("PII");
    }

    @Test
    void detector_findings_raise_the_result_and_the_reason_names_kinds_not_values() {
        Verdict v = governor.check(result(CRM, "IBAN " + FRIEND_IBAN + ", mail ann@example.com", "x"),
                context("run-1"));
        assertThat(v.outcome()).isEqualTo(Outcome.TRANSFORM);
        assertThat(v.effectiveRequest().contentLabels().categories()).contains("FINANCIAL", "PII");
        assertThat(v.reason()).contains("IBAN", "EMAIL").doesNotContain(FRIEND_IBAN).doesNotContain("ann@");
    }

    @Test
    void labels_never_fall_below_the_tool_source_labels() {
        Labels l = effective(result(TRANSACTIONS, "nothing sensitive here", "x"));
        assertThat(l).isEqualTo(TRANSACTIONS.sourceLabels());
        assertThat(l.integrity()).isEqualTo(Integrity.UNTRUSTED);
    }

    @Test
    void plain_content_from_a_public_tool_is_allowed_unchanged() {
        Verdict v = governor.check(result(CRM, "the weather is fine", "x"), context("run-1"));
        assertThat(v.outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void binary_and_enormous_results_get_the_unscanned_labels_without_scanning_everything() {
        DataFlowPlane small = new DataFlowPlane(DataFlowConfig.builder()
                .detectors(dev.warden.dataflow.detect.DetectorSuite.builder().withDefaults().maxScanChars(4096)
                        .build()).build());
        Decision big = small.evaluate(result(CRM, "a".repeat(3_000_000), "x"), context("run-2"));
        Decision bin = small.evaluate(result(CRM, "\u0000\u0001\u0002PNG", "x"), context("run-2"));
        for (Decision d : new Decision[] {big, bin}) {
            assertThat(d).isInstanceOf(Decision.Transform.class);
            Labels l = ((Decision.Transform) d).labels();
            assertThat(l.categories()).contains("UNSCANNED");
            assertThat(l.isUntrusted()).isTrue();
            assertThat(((Decision.Transform) d).reason()).contains("not fully scanned");
        }
    }

    @Test
    void malformed_json_and_unknown_detector_kinds_still_label() {
        Labels l = effective(result(CRM, "{\"ssn\": \"123-45-6789\", broken", "x"));
        assertThat(l.level()).isEqualTo(Confidentiality.RESTRICTED);
        dev.warden.dataflow.detect.Detector custom = new dev.warden.dataflow.detect.Detector() {
            public String name() {
                return "emp";
            }

            public java.util.Set<String> kinds() {
                return java.util.Set.of("employee_id");
            }

            public java.util.List<dev.warden.dataflow.detect.Finding> detect(CharSequence text) {
                return java.util.List.of(new dev.warden.dataflow.detect.Finding("employee_id", 0, 3, 0.9));
            }
        };
        DataFlowPlane withCustom = new DataFlowPlane(DataFlowConfig.builder().detectors(
                dev.warden.dataflow.detect.DetectorSuite.builder().detector(custom).build()).build());
        Labels custom1 = withCustom.labelsOf("EMP-1", Labels.PUBLIC);
        assertThat(custom1.categories()).containsExactly("UNCLASSIFIED");
        assertThat(custom1.level()).isEqualTo(Confidentiality.CONFIDENTIAL);
    }

    @Test
    void retrieval_and_delegation_results_are_labelled_too() {
        for (Checkpoint cp : new Checkpoint[] {Checkpoint.RETRIEVAL, Checkpoint.DELEGATION_RESULT}) {
            CheckpointRequest r = CheckpointRequest.content(cp, 1, "card 4111 1111 1111 1111", Labels.PUBLIC);
            assertThat(effective(r).categories()).contains("PCI");
        }
    }
}
