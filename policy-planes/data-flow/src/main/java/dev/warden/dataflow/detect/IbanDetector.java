package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * International bank account numbers, compact ({@code DE89370400440532013000}) or printed in groups of four
 * ({@code DE89 3704 0044 0532 0130 00}). A candidate counts only when its country issues IBANs, its length is that
 * country's length and the ISO 7064 mod 97-10 check passes.
 */
public final class IbanDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]){11,30}");

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

    /** Takes exactly the country's number of characters from the candidate (skipping single spaces) and checks. */
    private static Finding check(CharSequence text, int start, int end) {
        String country = text.subSequence(start, start + 2).toString().toUpperCase(Locale.ROOT);
        int expected = IbanCountries.length(country);
        if (expected == 0) {
            return null;
        }
        StringBuilder compact = new StringBuilder(expected);
        int i = start;
        while (i < end && compact.length() < expected) {
            char c = text.charAt(i++);
            if (c != ' ') {
                compact.append(Character.toUpperCase(c));
            }
        }
        if (compact.length() != expected || !ContextWords.standsAlone(text, start, i)) {
            return null;
        }
        if (!Checksums.ibanMod97(compact.toString())) {
            return null;
        }
        return new Finding(SensitiveKinds.IBAN, start, i - start, 0.99);
    }

    /** Compact, upper-case form of an IBAN as printed (spaces removed), for comparison. */
    public static String normalize(String iban) {
        return iban.replace(" ", "").replace("\u00a0", "").toUpperCase(Locale.ROOT);
    }
}
