package dev.warden.dataflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Decision 0058: amounts are read only where a number can begin, and exactly as the pattern's find() reads them. */
class ValueNormalizerAmountsTest {
    private static final String ALPHABET = "0123456789012345678901234567890123456789.,.,' -EURab\"";

    /** The amounts as read before: {@code NUMBER.find()} at every position. */
    private static Set<String> reference(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = ValueNormalizer.NUMBER.matcher(text);
        while (m.find()) {
            String raw = m.group();
            add(out, raw.replaceAll("[,' ]", ""));
            add(out, raw.replaceAll("[.' ]", "").replace(',', '.'));
        }
        return out;
    }

    private static void add(Set<String> out, String s) {
        try {
            BigDecimal d = new BigDecimal(s);
            out.add(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException ignored) {
            // not a number in this reading
        }
    }

    @Test
    void amounts_read_at_run_starts_are_the_amounts_the_pattern_finds_anywhere() {
        Random r = new Random(17);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(60); k > 0; k--) {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String text = sb.toString();
            assertThat(ValueNormalizer.amounts(text)).as(text).containsExactlyElementsOf(reference(text));
        }
        assertThat(ValueNormalizer.amounts("paid 1,200.50 EUR and 950.00 on 2026-11-01"))
                .contains("1200.5", "950", "2026", "11", "1");
    }
}
