package dev.warden.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextMatchTest {
    /** Latin letters and a Cyrillic or Greek letter that looks the same. */
    private static final Map<Character, Character> LOOK_ALIKES = Map.of('a', '\u0430', 'e', '\u0435', 'o', '\u043E',
            'p', '\u0440', 'c', '\u0441', 'x', '\u0445', 'y', '\u0443', 'i', '\u0456', 'A', '\u0391', 'B', '\u0392');

    @Property
    void case_full_width_and_look_alikes_do_not_evade_a_mention(@ForAll @AlphaChars @StringLength(min = 3, max = 12)
            String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        StringBuilder disguised = new StringBuilder();
        StringBuilder fullWidth = new StringBuilder();
        for (char c : word.toCharArray()) {
            disguised.append(LOOK_ALIKES.getOrDefault(c, c));
            fullWidth.append((char) (c + 0xFEE0)); // ASCII letters -> FULLWIDTH forms
        }
        String needle = word.toLowerCase(Locale.ROOT);
        assertThat(TextMatch.mentions("please use " + upper + " now", needle)).isTrue();
        assertThat(TextMatch.mentions("please use " + disguised + " now", needle)).isTrue();
        assertThat(TextMatch.mentions("please use " + fullWidth + " now", needle)).isTrue();
    }

    @Test
    void invisible_characters_are_folded_away_and_empty_words_never_match() {
        assertThat(TextMatch.fold("pass\u200Bwo\u00ADrd")).isEqualTo("password");
        assertThat(TextMatch.mentions("x", " ")).isFalse();
        assertThat(TextMatch.mentions(null, "x")).isFalse();
        assertThat(TextMatch.fold(null)).isEmpty();
    }

    @Test
    void lint_flags_raw_matches_over_controlled_strings_only() {
        CelEnvironment cel = new CelEnvironment(java.time.Clock.systemUTC());
        assertThat(RawMatchLint.check(cel.condition("args.task.contains('password')").ast()))
                .singleElement().asString().contains("args.task");
        assertThat(RawMatchLint.check(cel.condition("string(attributes.userInput).contains('x')").ast()))
                .hasSize(1);
        assertThat(RawMatchLint.check(cel.condition("text.fold(args.task).contains('password')").ast())).isEmpty();
        assertThat(RawMatchLint.check(cel.condition("text.mentions(args.task, 'password')").ast())).isEmpty();
        assertThat(RawMatchLint.check(cel.condition("tool.name.startsWith('crm.')").ast())).isEmpty();
    }
}
