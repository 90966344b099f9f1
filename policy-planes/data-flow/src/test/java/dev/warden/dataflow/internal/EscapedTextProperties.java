package dev.warden.dataflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;

class EscapedTextProperties {
    static String allEscaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
        return b.toString();
    }

    @Property
    void a_json_string_written_entirely_with_escapes_decodes_to_its_value(@ForAll String key, @ForAll String value) {
        String doc = "{\"id\": 7, \"" + allEscaped(key) + "\" : [\"" + allEscaped(value) + "\", true]}";
        assertThat(EscapedText.decode(doc, Integer.MAX_VALUE))
                .isEqualTo("{\"id\": 7, \"" + key + "\" : [\"" + value + "\", true]}");
    }

    @Property
    void jacksons_own_escaping_is_undone(@ForAll String value) {
        String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value));
        assertThat(EscapedText.decode("[\"" + escaped + "\"]", Integer.MAX_VALUE)).isEqualTo("[\"" + value + "\"]");
    }

    @Property
    void any_text_decodes_without_error_within_its_bound_and_never_grows(
            @ForAll @Chars({'\\', '"', '{', '}', '[', ']', ':', ',', 'u', '0', 'a', 'n', ' '}) @CharRange(from = 'A',
                    to = 'F') String text, @ForAll @IntRange(min = 1, max = 64) int limit) {
        String out = EscapedText.decode(text, limit);
        assertThat(out.length()).isLessThanOrEqualTo(Math.min(text.length(), limit));
    }
}
