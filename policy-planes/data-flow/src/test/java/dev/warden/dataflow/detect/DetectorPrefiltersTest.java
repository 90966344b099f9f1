package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Decision 0058: the detectors' cheap pre-filters skip work only where the exact check could not find anything. Each
 * pre-filter is compared with the exact check it stands in front of, on generated text heavy in the characters that
 * matter (digits, letters, separators, {@code x}, plus signs, brackets, other scripts' spaces and digits).
 */
class DetectorPrefiltersTest {
    private static final String ALPHABET = "0123456789012345678901234567890123456789abcDEFxXkK    -.()/+#,;~\"'"
            + "\u00A0\u3000\u2010\u0663é_:=ExtAKIASIAtokenpasswordsecret";
    private static final List<String> REGIONS = List.of("US", "GB", "DE", "IN");

    private static String random(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A digit run glued to a letter, as in IBANs, with whatever may stand around it in a detector's window. */
    @Test
    void libphonenumber_finds_no_number_in_a_window_whose_digit_run_is_glued_to_a_letter() {
        Random r = new Random(58);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        int checked = 0;
        for (int i = 0; i < 3_000; i++) {
            String before = random(r, r.nextInt(3)); // the window shows at most two characters before the run
            char letter = "ABDEKNVWZabdeknvwz".charAt(r.nextInt(18));
            StringBuilder run = new StringBuilder();
            int digits = 2 + r.nextInt(i % 3 == 0 ? 40 : 16);
            for (int d = 0; d < digits; d++) {
                run.append((char) ('0' + r.nextInt(10)));
            }
            String after = random(r, r.nextInt(3)); // and at most two after it
            String window = before + letter + run + after;
            int start = before.length() + 1;
            int end = start + run.length();
            if (!PhoneDetector.gluedToALetter(window, 0, start, end)) {
                continue;
            }
            checked++;
            for (String region : REGIONS) {
                assertThat(util.findNumbers(window, region, Leniency.VALID, Long.MAX_VALUE)).as(window + " in " + region)
                        .isEmpty();
            }
        }
        assertThat(checked).isGreaterThan(2_500);
    }

    @Test
    void the_phone_pre_filter_keeps_runs_that_libphonenumber_may_read() {
        // at the start of the window (no letter in it), after x (punctuation to libphonenumber), 00 (international
        // prefix), with separators inside
        assertThat(PhoneDetector.gluedToALetter("4155550132", 0, 0, 10)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("A4155550132", 1, 1, 11)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("x4155550132", 0, 1, 11)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("X004420794609", 0, 1, 13)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("A0044207946095", 0, 1, 14)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("A415 555 0132", 0, 1, 13)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("é4155550132", 0, 1, 11)).isFalse();
        assertThat(PhoneDetector.gluedToALetter("DE89370400440532013000", 0, 2, 22)).isTrue();
    }

    @Test
    void a_phone_number_beside_an_iban_is_still_found() {
        Random r = new Random(5858);
        PhoneDetector phones = new PhoneDetector("US", "GB");
        for (int i = 0; i < 1_500; i++) {
            String text = random(r, 20 + r.nextInt(120)) + " DE" + (10_000_000 + r.nextInt(90_000_000))
                    + "0532013000 call 415-555-0132 today. " + random(r, r.nextInt(40));
            for (Finding f : phones.detect(text)) {
                assertThat(f.end()).isLessThanOrEqualTo(text.length());
            }
            assertThat(phones.detect(text)).extracting(f -> f.valueIn(text)).contains("415-555-0132");
        }
    }

    @Test
    void payment_card_runs_are_exactly_the_runs_the_pattern_finds() {
        Random r = new Random(4242);
        PaymentCardDetector cards = new PaymentCardDetector();
        for (int i = 0; i < 3_000; i++) {
            String text = random(r, r.nextInt(200)) + (i % 2 == 0 ? " 4111 1111 1111 1111" : "")
                    + random(r, r.nextInt(40));
            List<Finding> reference = new ArrayList<>();
            Matcher m = PaymentCardDetector.RUN.matcher(text);
            while (m.find()) {
                if (m.end() - m.start() >= 12) {
                    PaymentCardDetector.findInRun(text, m.start(), m.end(), reference);
                }
            }
            assertThat(cards.detect(text)).as(text).isEqualTo(reference);
        }
    }

    @Test
    void a_text_without_a_secret_keyword_core_holds_no_secret_keyword() {
        Random r = new Random(77);
        int withKeyword = 0;
        List<String> pieces = List.of("tok", "en", "TOKEN", "pass", "w", "or", "d", "Phrase", "api", "_", "-", " ",
                "key", "KEY", "sec", "ret", "Bearer", "acc", "ess", "ount", "priv", "ate", "pwd", "author", "ization",
                "cred", "ential", "x", "9");
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(8); k > 0; k--) {
                sb.append(r.nextBoolean() ? pieces.get(r.nextInt(pieces.size())) : random(r, 4));
            }
            String text = sb.toString();
            boolean found = SecretDetector.SECRET_WORDS.matcher(text).find();
            withKeyword += found ? 1 : 0;
            if (found) {
                assertThat(SecretDetector.mayHoldSecretWord(text)).as(text).isTrue();
            }
        }
        for (String s : List.of("API-KEY=x", "PassPhrase", "PASSWD", "Bearer", "private_key", "ACCESS KEY",
                "Authorization", "credentials", "TOKEN", "sEcReT", "pwd")) {
            assertThat(SecretDetector.SECRET_WORDS.matcher(s).find()).as(s).isTrue();
            assertThat(SecretDetector.mayHoldSecretWord(s)).as(s).isTrue();
        }
        assertThat(withKeyword).isPositive();
        assertThat(SecretDetector.mayHoldSecretWord("[{\"sender\":\"DE89370400440532013000\"}]")).isFalse();
    }
}
