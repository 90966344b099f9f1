package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectorSuiteTest {
    static final String IBAN = "DE89370400440532013000";

    @Test
    void scanning_is_bounded_and_reports_the_unscanned_tail() {
        DetectorSuite suite = DetectorSuite.builder().withDefaults().maxScanChars(10_000).build();
        String text = "x ".repeat(20_000) + IBAN;
        ScanResult r = suite.scan(text);
        assertThat(r.truncated()).isTrue();
        assertThat(r.incomplete()).isTrue();
        assertThat(r.scannedChars()).isEqualTo(10_000);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void findings_across_chunk_boundaries_are_found_once_with_absolute_offsets() {
        DetectorSuite suite = DetectorSuite.builder().withDefaults().chunkChars(4096).overlapChars(256).build();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("lorem ipsum dolor sit amet ").append(i % 7 == 0 ? IBAN + " " : "");
        }
        String text = sb.toString();
        ScanResult r = suite.scan(text);
        long expected = text.split(IBAN, -1).length - 1;
        assertThat(r.findings()).hasSize((int) expected);
        r.findings().forEach(f -> assertThat(f.valueIn(text)).isEqualTo(IBAN));
    }

    @Test
    void binary_content_is_flagged_not_scanned() {
        String binary = "PK\u0003\u0004\u0000\u0000" + IBAN;
        ScanResult r = DetectorSuite.defaults().scan(binary);
        assertThat(r.binary()).isTrue();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void overlapping_findings_keep_the_more_confident() {
        Detector weak = new Detector() {
            public String name() {
                return "weak";
            }

            public Set<String> kinds() {
                return Set.of("WEAK");
            }

            public List<Finding> detect(CharSequence text) {
                return List.of(new Finding("WEAK", 0, text.length(), 0.6));
            }
        };
        ScanResult r = DetectorSuite.builder().withDefaults().detector(weak).build().scan(IBAN);
        assertThat(r.kinds()).containsExactly(SensitiveKinds.IBAN);
    }

    @Test
    void a_plugin_reporting_spans_outside_its_input_is_an_error() {
        Detector liar = new Detector() {
            public String name() {
                return "liar";
            }

            public Set<String> kinds() {
                return Set.of("LIE");
            }

            public List<Finding> detect(CharSequence text) {
                return List.of(new Finding("LIE", 0, text.length() + 5, 0.9));
            }
        };
        DetectorSuite suite = DetectorSuite.builder().detector(liar).build();
        assertThatThrownBy(() -> suite.scan("abc")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bad_bounds_are_rejected_at_build_time() {
        assertThatThrownBy(() -> DetectorSuite.builder().withDefaults().chunkChars(10).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectorSuite.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }
}
