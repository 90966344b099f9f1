package dev.warden.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.dataflow.detect.DetectorSuite;
import dev.warden.dataflow.detect.Finding;
import dev.warden.dataflow.detect.ScanResult;
import dev.warden.dataflow.detect.SensitiveKinds;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile text through the data-flow detectors: nothing crashes, and an IBAN in noise is still found. */
class DetectorFuzzTest {
    static final DetectorSuite SUITE = DetectorSuite.defaults();

    @Property(tries = 300)
    void arbitrary_text_never_throws(@ForAll("hostile") String text) {
        ScanResult r = SUITE.scan(text);
        assertThat(r).isNotNull();
        assertThat(r.findings()).isNotNull();
    }

    @Property(tries = 200)
    void an_iban_between_words_is_found(@ForAll("words") String before, @ForAll("words") String after,
            @ForAll("ibanForms") String iban) {
        ScanResult r = SUITE.scan(before + " " + iban + " " + after);
        assertThat(r.findings()).extracting(Finding::kind).as(iban).contains(SensitiveKinds.IBAN);
    }

    @Provide
    Arbitrary<String> ibanForms() {
        return Arbitraries.of("GB33BUKB20201555555555", "GB33 BUKB 2020 1555 5555 55", "gb33bukb20201555555555",
                "DE89370400440532013000", "DE89 3704 0044 0532 0130 00", "FR1420041010050500013M02606");
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(12).list().ofMaxSize(6)
                .map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(2000),
                Arbitraries.strings().withChars("0123456789 -+()@.:/A-Z\u200b\u00a0").ofMaxLength(500),
                Arbitraries.integers().between(1, 20_000).map(n -> "4".repeat(n)),
                Arbitraries.integers().between(1, 5_000).map(n -> "a@".repeat(n) + "b.com"));
    }
}
