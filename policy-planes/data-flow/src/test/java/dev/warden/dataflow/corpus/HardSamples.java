package dev.warden.dataflow.corpus;

import static dev.warden.dataflow.detect.SensitiveKinds.*;

import dev.warden.dataflow.corpus.Sample.Expected;
import java.util.List;

/**
 * Samples the detectors are known to get wrong, kept in the corpus so the measured numbers are not flattering:
 * national phone numbers without a phone keyword, internationalised e-mail addresses, undashed SSNs without a
 * keyword, and Luhn-valid 16-digit numbers in card ranges with no disambiguating words.
 */
final class HardSamples {
    private HardSamples() {}

    static void addTo(List<Sample> out, Values v) {
        for (int i = 0; i < 6; i++) {
            String p = "(%s) %s-%s".formatted(v.pick(List.of("212", "415", "617")), v.between(201, 989), v.digits(4));
            out.add(new Sample("h-phone-" + i, "Ring " + p + " when you land.", List.of(new Expected(PHONE, p)),
                    "hard: national phone without keyword"));
        }
        for (int i = 0; i < 3; i++) {
            String e = v.pick(List.of("jos\u00e9", "m\u00fcller", "\u00e5sa")) + i + "@example.com";
            out.add(new Sample("h-email-" + i, "Write to " + e + " today.", List.of(new Expected(EMAIL, e)),
                    "hard: internationalised local part"));
        }
        for (int i = 0; i < 4; i++) {
            String ssn = v.ssn().replace("-", "");
            out.add(new Sample("h-ssn-" + i, "Employee record 7 lists " + ssn + " under tax.",
                    List.of(new Expected(US_SSN, ssn)), "hard: undashed ssn without keyword"));
        }
        for (int i = 0; i < 2; i++) {
            String n = Values.grouped(Values.withLuhn("4" + v.digits(14)), ' ');
            out.add(new Sample("h-card-" + i, "Parcel " + n + " left the depot.", List.of(),
                    "hard: luhn-valid parcel number in the Visa range"));
        }
    }
}
