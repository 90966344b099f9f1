package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    private static final IBANValidator REGISTRY = IBANValidator.getInstance();

    @Override
    public String name() {
        return "iban";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.IBAN);
    }

    /** Candidates start with two letters and two digits not glued to a preceding letter or digit; found by hand. */
    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i + 15 <= n) {
            if (asciiLetter(text.charAt(i)) && asciiLetter(text.charAt(i + 1)) && digit(text.charAt(i + 2))
                    && digit(text.charAt(i + 3)) && (i == 0 || !asciiLetterOrDigit(text.charAt(i - 1)))) {
                Finding f = check(text, i, Math.min(n, i + 70));
                if (f != null) {
                    out.add(f);
                    i = f.end();
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiLetterOrDigit(char c) {
        return asciiLetter(c) || digit(c);
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
        boolean afterSeparator = false;
        while (i < end && compact.length() < expected) {
            char c = text.charAt(i++);
            if (asciiLetterOrDigit(c)) {
                compact.append(Character.toUpperCase(c));
                afterSeparator = false;
            } else if (SEPARATORS.indexOf(c) < 0 || afterSeparator || separator != 0 && c != separator) {
                return null; // another character, two separators in a row, or a second kind of separator
            } else {
                separator = c;
                afterSeparator = true;
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
