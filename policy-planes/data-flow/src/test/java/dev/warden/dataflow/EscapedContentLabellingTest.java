package dev.warden.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.Confidentiality;
import dev.warden.core.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A value written with JSON escapes is read by a model as the value it decodes to, so it is labelled as its clear
 * twin is (session 13, S13-1). Before the fix the detectors read only the raw text and found nothing in these.
 */
class EscapedContentLabellingTest {
    final DataFlowPlane plane = new DataFlowPlane();

    Labels labels(String content) {
        return plane.labelsOf(content, Labels.PUBLIC);
    }

    /** Every character of {@code value} written as a JSON unicode escape. */
    static String escapedAll(String value) {
        StringBuilder b = new StringBuilder();
        value.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"536-22-8741", "DE89 3704 0044 0532 0130 00", "4111 1111 1111 1111",
        "AKIAIOSFODNN7EXAMPLE", "jane.doe@example.com"})
    void a_fully_escaped_value_in_a_json_result_is_labelled_as_the_clear_one(String value) {
        Labels clear = labels("{\"id\":7,\"notes\":\"" + value + "\"}");
        assertThat(clear.level()).isGreaterThan(Confidentiality.PUBLIC); // the detectors find the clear value

        assertThat(labels("{\"id\":7,\"notes\":\"" + escapedAll(value) + "\"}")).isEqualTo(clear);
        assertThat(labels("[{\"notes\":\"" + escapedAll(value) + "\"}]")).isEqualTo(clear);
    }

    @Test
    void an_ssn_with_escaped_hyphens_is_found() {
        Labels clear = labels("{\"notes\":\"536-22-8741\"}");
        assertThat(labels("{\"notes\":\"536\\u002d22\\u002d8741\"}")).isEqualTo(clear);
        assertThat(clear.categories()).contains("PII");
    }

    @Test
    void an_iban_with_escaped_letters_is_found_and_so_is_an_escaped_key() {
        Labels clear = labels("{\"payee\":\"DE89370400440532013000\"}");
        assertThat(labels("{\"payee\":\"\\u0044\\u0045\\u0038\\u0039370400440532013000\"}")).isEqualTo(clear);
        assertThat(labels("{\"DE89370400440532013000\":1}")).isEqualTo(clear);
        assertThat(labels("{\"\\u0044E89370400440532013000\":1}")).isEqualTo(clear);
    }

    @Test
    void json_carried_in_a_json_string_is_decoded_as_deep_as_its_reader_would() {
        Labels clear = labels("{\"notes\":\"536-22-8741\"}");
        assertThat(labels("{\"payload\":\"{\\\"notes\\\":\\\"536\\\\u002d22\\\\u002d8741\\\"}\"}"))
                .isEqualTo(clear);
    }

    @Test
    void escapes_after_a_json_error_or_outside_json_are_decoded_too() {
        Labels clear = labels("note: 536-22-8741");
        assertThat(labels("{\"a\":1,} note: 536\\u002d22\\u002d8741")).isEqualTo(labels("{\"a\":1,} note: 536-22-8741"))
                .isEqualTo(clear);
        assertThat(labels("note: 536\\u002d22\\u002d8741")).isEqualTo(clear);
    }

    @Test
    void ordinary_escapes_change_nothing_and_never_lower_the_raw_labels() {
        assertThat(labels("{\"text\":\"line one\\nline \\\"two\\\" \\\\ path\"}")).isEqualTo(Labels.PUBLIC);
        Labels clear = labels("{\"a\":\"536-22-8741\",\"b\":\"x\\ny\"}");
        assertThat(clear.categories()).contains("PII");
    }
}
