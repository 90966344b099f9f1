package dev.warden.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextReadingsTest {

    @Test
    void every_layer_of_escapes_is_written_out_up_to_three_deep() {
        assertThat(TextReadings.of("536&amp;#45;22")).contains("536&amp;#45;22", "536&#45;22", "536-22");
        assertThat(TextReadings.of("a%26hyphen%3Bb")).contains("a&hyphen;b", "a\u2010b");
        assertThat(TextReadings.of("bob=40acme=\ncom")).contains("bob@acmecom");
        assertThat(TextReadings.of("\\u0040")).contains("@");
        assertThat(TextReadings.of("plain text")).containsExactly("plain text");
    }

    @Test
    void a_text_a_fourth_layer_would_still_change_has_no_known_reading() {
        // 95000 percent-encoded, then its percent signs encoded again and again (review14 M3)
        String once = "%39%35%30%30%30";
        String three = once.replace("%", "%25").replace("%", "%25");
        String four = three.replace("%", "%25");
        assertThat(TextReadings.of(three)).contains("95000");
        assertThat(TextReadings.of(four)).isNull();
    }

    @Test
    void tokens_join_digit_groups_only_between_digits() {
        assertThat(TextReadings.tokens("Raise to 95,000 (or 95\u00a0000), on 1.5. Then, 7 more", 3))
                .containsExactly("raise", "95000", "95000", "then", "more");
        assertThat(TextReadings.tokens("1, 2, 3", 1)).containsExactly("1", "2", "3");
    }

    @Test
    void compact_keeps_letters_and_digits_case_folded() {
        assertThat(TextReadings.compact("\uFF15\uFF13-6 AB")).isEqualTo("536ab");
    }
}
