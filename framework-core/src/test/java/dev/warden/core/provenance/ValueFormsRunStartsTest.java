package dev.warden.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Decision 0058: numbers and IBANs are read only where a match can begin, and exactly as the patterns' {@code find()}
 * reads them at every position.
 */
class ValueFormsRunStartsTest {
    private static final String ALPHABET = "0123456789012345678901234567890123456789DEGBdegbAZ .,:/-_ \u00e9\u0663\u00A0";

    private static String random(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        for (int k = r.nextInt(max); k > 0; k--) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void numbers_read_at_run_starts_are_the_numbers_the_pattern_finds_anywhere() {
        Random r = new Random(1958);
        for (int i = 0; i < 5_000; i++) {
            String text = random(r, 60);
            Set<BigDecimal> reference = new LinkedHashSet<>();
            Matcher m = ValueForms.NUMBER.matcher(text);
            while (m.find()) {
                BigDecimal d = ValueForms.parse(m.group(1));
                if (d != null) {
                    reference.add(d);
                }
            }
            assertThat(ValueForms.numbersIn(text)).as(text).containsExactlyElementsOf(reference);
        }
    }

    @Test
    void ibans_read_at_run_starts_are_the_ibans_the_pattern_finds_anywhere() {
        Random r = new Random(2058);
        for (int i = 0; i < 5_000; i++) {
            String text = random(r, 30) + (i % 3 == 0 ? " DE89 3704 0044 0532 0130 00" : "") + random(r, 10)
                    + (i % 2 == 0 ? "GB33BUKB20201555555555" : "") + random(r, 20);
            Set<String> reference = new LinkedHashSet<>();
            Matcher m = ValueForms.IBAN.matcher(text);
            while (m.find()) {
                String c = ValueForms.iban(m.group());
                if (c != null) {
                    reference.add(c);
                }
            }
            assertThat(ValueForms.ibansIn(text)).as(text).containsExactlyElementsOf(reference);
        }
        assertThat(ValueForms.ibansIn("to DE89 3704 0044 0532 0130 00 and GB33BUKB20201555555555."))
                .containsExactly("DE89370400440532013000", "GB33BUKB20201555555555");
    }
}
