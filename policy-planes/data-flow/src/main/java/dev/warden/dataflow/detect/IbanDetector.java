package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * International bank account numbers of every country in the SWIFT IBAN registry (ISO 13616), compact
 * ({@code DE89370400440532013000}) or printed in groups separated by one kind of separator: spaces, no-break spaces
 * (U+00A0, U+202F, U+2007, U+2009) or hyphens ({@code DE89 3704 0044 0532 0130 00}, {@code DE89-3704-…}). A
 * candidate counts only when its country issues IBANs, its length is that country's and the ISO 7064 mod 97-10 check
 * passes (check digits 02–98). The BBAN's letter/digit structure is deliberately not enforced: generators and
 * libraries disagree with the registry on it for some countries (AE, MU, PK, TR), while a wrong length or check
 * already rejects all but one random string in 97.
 *
 * <p>The country table is Apache Commons Validator's {@link IBANValidator}, which follows the registry's releases
 * (countries added since 2020 such as RU, LY, OM, MN, SD, NI, SO, BI, DJ, FK, YE and HN included); updating that
 * dependency updates the countries.
 */
public final class IbanDetector implements Detector {
    private static final String SEPARATORS = " \u00A0\u2007\u2009\u202F-";
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?:[" + SEPARATORS + "]?[A-Za-z0-9]){11,30}");
    private static final IBANValidator REGISTRY = IBANValidator.getInstance();

    @Override
    public String name() {
        return "iban";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.IBAN);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher m = CANDIDATE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            Finding f = check(text, m.start(), m.end());
            if (f != null) {
                out.add(f);
                from = f.end();
            } else {
                from = m.start() + 1;
            }
        }
        return out;
    }

    /** Expected IBAN length for the (upper-case) country, or 0 when the registry has no IBAN for it. */
    static int registryLength(String country) {
        IBANValidator.Validator v = REGISTRY.getValidator(country);
        return v == null ? 0 : v.getIbanLength();
    }

    /**
     * Takes exactly the country's number of characters from the candidate (skipping single separators, all of one
     * kind) and checks them against the registry.
     */
    private static Finding check(CharSequence text, int start, int end) {
        String country = text.subSequence(start, start + 2).toString().toUpperCase(Locale.ROOT);
        int expected = registryLength(country);
        if (expected == 0) {
            return null;
        }
        StringBuilder compact = new StringBuilder(expected);
        char separator = 0;
        int i = start;
        while (i < end && compact.length() < expected) {
            char c = text.charAt(i++);
            if (SEPARATORS.indexOf(c) < 0) {
                compact.append(Character.toUpperCase(c));
            } else if (separator == 0) {
                separator = c;
            } else if (c != separator) {
                return null;
            }
        }
        if (compact.length() != expected || !ContextWords.standsAlone(text, start, i)) {
            return null;
        }
        String checkDigits = compact.substring(2, 4);
        if (checkDigits.equals("00") || checkDigits.equals("01") || checkDigits.equals("99")
                || !Checksums.ibanMod97(compact.toString())) {
            return null;
        }
        return new Finding(SensitiveKinds.IBAN, start, i - start, 0.99);
    }

    /** Compact, upper-case form of an IBAN as printed (separators removed), for comparison. */
    public static String normalize(String iban) {
        StringBuilder sb = new StringBuilder(iban.length());
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt(i);
            if (SEPARATORS.indexOf(c) < 0) {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
