package dev.warden.dataflow.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Decision 0065: the national-id detector's pre-filter (digit-run length and neighbours) never changes a finding. The
 * detector with the pre-filter is compared with the same detector trying every pattern at every digit run, on text
 * built from pieces heavy in what the patterns read: digit runs of every length, separators, NINO prefix letters in
 * both cases, keywords, valid SSNs, NINOs and BSNs, IBAN-like runs glued to letters, and non-ASCII letters, digits
 * and spaces (Kelvin sign, long s, Arabic-Indic digits, no-break space) that a case-insensitive pattern might fold.
 */
class NationalIdPrefilterProperties {
    private static final List<String> PIECES = List.of("0", "1", "12", "123", "1234", "12345", "123456", "1234567",
            "12345678", "123456789", "1234567890", "987654321", "123456782", "111222333", "078051120", " ", " ", "-",
            ".", ",", "/", "\n", "\"", ":", "AB", "ab", "Ab", "QQ", "ZZ", "GB", "ce", "A", "B", "C", "D", "x", "DE89",
            "GB33BUKB", "SSN ", "ssn: ", "social security ", "BSN ", "sofinummer ", "part ", "order ", "AB 12 34 56 C",
            "ab123456c", "QQ123456C",
            "AB1234 56C", "ce 12 3456 a", "JG 10 37 54 A", "123-45-6789", "123 45 6789", "666-12-3456", "219-09-9999",
            "\u212A", "\u017F", "\u0663\u0664", "\u00A0", "\u00E9", "\u0130");

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(40).map(ps -> String.join("", ps));
    }

    @Property(tries = 3000)
    void the_pre_filter_never_changes_a_finding(@ForAll("texts") String text) {
        NationalIdDetector detector = new NationalIdDetector();
        List<Finding> exact = detector.detect(text, false);
        Statistics.label("findings").collect(exact.isEmpty() ? "none" : "some");
        assertThat(detector.detect(text, true)).as(text).isEqualTo(exact);
    }

    @Example
    void every_kind_is_still_found_and_digit_runs_that_cannot_be_one_are_passed_over() {
        NationalIdDetector d = new NationalIdDetector();
        assertThat(d.detect("SSN 123-45-6789, NINO AB 12 34 56 C, BSN 123456782, ce123456a"))
                .extracting(Finding::kind).containsExactly(SensitiveKinds.US_SSN, SensitiveKinds.UK_NINO,
                        SensitiveKinds.NL_BSN, SensitiveKinds.UK_NINO);
        assertThat(NationalIdDetector.mayStartSsn("123-45-6789", 0, 3)).isTrue();
        assertThat(NationalIdDetector.mayStartSsn("1234-5-6789", 0, 4)).isFalse();
        assertThat(NationalIdDetector.mayBeNineDigits(9)).isTrue();
        assertThat(NationalIdDetector.mayBeNineDigits(20)).isFalse();
        assertThat(NationalIdDetector.mayBeNinoDigits("AB 12 34 56 C", 3, 2)).isTrue();
        assertThat(NationalIdDetector.mayBeNinoDigits("AB123456C", 2, 6)).isTrue();
        // an IBAN's digits follow two letters but are one run of twenty
        assertThat(NationalIdDetector.mayBeNinoDigits("DE89370400440532013000", 2, 20)).isFalse();
        assertThat(NationalIdDetector.mayBeNinoDigits("\u212AB123456C", 2, 6)).isFalse();
    }
}
