package dev.warden.dataflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapedTextTest {
    static String decode(String s) {
        return EscapedText.decode(s, Integer.MAX_VALUE);
    }

    @Test
    void json_strings_with_escapes_are_written_out_and_the_rest_is_kept() {
        assertThat(decode("{\"n\\u0061me\" : \"a\\u002db\", \"x\": 1, \"plain\":\"c\\\\d\"}"))
                .isEqualTo("{\"name\" : \"a-b\", \"x\": 1, \"plain\":\"c\\d\"}");
        assertThat(decode("[\"\\ud83d\\ude00\", \"\\/\"]")).isEqualTo("[\"\uD83D\uDE00\", \"/\"]");
    }

    @Test
    void what_jackson_cannot_read_is_decoded_leniently_from_where_it_stopped() {
        assertThat(decode("{\"a\":\"\\u0031\"} trailing \\u0032")).isEqualTo("{\"a\":\"1\"} trailing 2");
        assertThat(decode("{'a': '\\u0031\\n\\q\\u12'}")).isEqualTo("{'a': '1\nqu12'}");
        assertThat(decode("no json \\u0033 \\")).isEqualTo("no json 3 \\");
    }

    @Test
    void the_bound_is_kept_and_only_a_backslash_inside_it_counts() {
        assertThat(EscapedText.hasEscape("abc", 10)).isFalse();
        assertThat(EscapedText.hasEscape("ab\\u0031", 10)).isTrue();
        assertThat(EscapedText.hasEscape("abcdef\\u0031", 4)).isFalse();
        assertThat(decode("x").length()).isEqualTo(1);
        assertThat(EscapedText.decode("{\"a\":\"\\u0031\\u0032\"}", 12)).isEqualTo("{\"a\":\"1");
    }
}
