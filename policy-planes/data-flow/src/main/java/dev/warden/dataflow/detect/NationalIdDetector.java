package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identifiers:
 * <ul>
 *   <li>{@link SensitiveKinds#US_SSN}: {@code AAA-GG-SSSS} with the SSA's structural rules (area not 000, 666 or
 *       900–999; group not 00; serial not 0000; the publicised sample numbers 078-05-1120 and 219-09-9999 excluded).
 *       SSNs have no check digit: the dashed form counts (0.7, or 0.9 after an SSN keyword) unless a part, lot,
 *       order or similar word precedes it (0.3); the spaced ({@code 123 45 6789}) and undashed forms count only after
 *       an SSN keyword ({@code SSN}, {@code social security}, {@code SS#}).</li>
 *   <li>{@link SensitiveKinds#UK_NINO}: two prefix letters from the HMRC-allowed set (not BG, GB, NK, KN, TN, NT, ZZ;
 *       no D, F, I, Q, U, V; second letter not O), six digits, suffix A–D; compact or spaced in pairs, upper- or
 *       lower-case (one case throughout).</li>
 *   <li>{@link SensitiveKinds#NL_BSN}: nine digits passing the 11-test. One 9-digit number in eleven passes by chance,
 *       so a BSN without a keyword ({@code BSN}, {@code burgerservicenummer}, {@code sofi}) gets a low confidence.</li>
 * </ul>
 */
public final class NationalIdDetector implements Detector {
    private static final Pattern SSN_GROUPED = Pattern.compile("(?<![0-9-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![0-9-])");
    private static final Pattern NINE_DIGITS = Pattern.compile("(?<!\\d)(?<!\\d[.,-])(\\d{9})(?!\\d)(?![.,-]\\d)");
    private static final Pattern SSN_WORDS = Pattern.compile(
            "(?i)(?<![a-z])(ssns?|social security|soc\\.? sec\\.?|ss#|ss no)(?-i:(?![a-z]))");
    private static final Pattern NOT_SSN_WORDS = Pattern.compile("(?i)(?<![a-z])(part|parts|lot|batch|item|model"
            + "|serial|sku|order|invoice|ref|reference|ticket|case|tracking|po|product|catalog|cat|style|article"
            + "|phone|tel|fax|zip|routing|account|acct)(?-i:(?![a-z]))");
    private static final Pattern BSN_WORDS = Pattern.compile(
            "(?i)(?<![a-z])(bsn|burgerservicenummer|sofi(nummer)?)(?-i:(?![a-z]))");
    private static final Pattern NINO = Pattern.compile("(?i)(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
            + " ?(\\d{2}) ?(\\d{2}) ?(\\d{2}) ?([A-D])(?![A-Za-z0-9])");
    private static final Set<String> NINO_BAD_PREFIXES = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");

    @Override
    public String name() {
        return "national-id";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.US_SSN, SensitiveKinds.UK_NINO, SensitiveKinds.NL_BSN);
    }

    /**
     * Every identifier here begins a run of digits (a NINO two or three characters before one), so the patterns are
     * only tried at the start of each digit run instead of at every position: several times faster on prose.
     */
    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        Matcher ssn = bounded(SSN_GROUPED.matcher(text));
        Matcher nine = bounded(NINE_DIGITS.matcher(text));
        Matcher nino = bounded(NINO.matcher(text));
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!isDigit(text.charAt(i)) || i > 0 && isDigit(text.charAt(i - 1))) {
                continue;
            }
            if (ssn.region(i, Math.min(n, i + 11)).lookingAt()) {
                ssn(text, ssn, out);
            }
            if (nine.region(i, Math.min(n, i + 9)).lookingAt()) {
                nineDigits(text, nine, out);
            }
            if (i >= 2 && nino.region(Math.max(0, i - 3), Math.min(n, i + 12)).find() && nino.start(2) == i) {
                nino(nino, out);
            }
        }
        return out;
    }

    private static Matcher bounded(Matcher m) {
        return m.useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void ssn(CharSequence text, Matcher m, List<Finding> out) {
        if (validSsn(m.group(1), m.group(3), m.group(4))) {
            boolean keyword = ContextWords.before(text, m.start(), 30, SSN_WORDS);
            double confidence = keyword ? 0.9
                    : m.group(2).equals(" ") || ContextWords.before(text, m.start(), 30, NOT_SSN_WORDS) ? 0.3
                    : 0.7;
            out.add(new Finding(SensitiveKinds.US_SSN, m.start(), m.end() - m.start(), confidence));
        }
    }

    private static void nineDigits(CharSequence text, Matcher m, List<Finding> out) {
        String d = m.group(1);
        if (ContextWords.before(text, m.start(), 30, SSN_WORDS)
                && validSsn(d.substring(0, 3), d.substring(3, 5), d.substring(5))) {
            out.add(new Finding(SensitiveKinds.US_SSN, m.start(), 9, 0.8));
        } else if (Checksums.dutchElevenTest(d)) {
            boolean keyword = ContextWords.before(text, m.start(), 30, BSN_WORDS);
            out.add(new Finding(SensitiveKinds.NL_BSN, m.start(), 9, keyword ? 0.95 : 0.35));
        }
    }

    private static void nino(Matcher m, List<Finding> out) {
        String value = m.group();
        boolean oneCase = value.equals(value.toUpperCase(java.util.Locale.ROOT))
                || value.equals(value.toLowerCase(java.util.Locale.ROOT));
        if (oneCase && !NINO_BAD_PREFIXES.contains(m.group(1).toUpperCase(java.util.Locale.ROOT))) {
            out.add(new Finding(SensitiveKinds.UK_NINO, m.start(), m.end() - m.start(), 0.85));
        }
    }

    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        if (a == 0 || a == 666 || a >= 900 || group.equals("00") || serial.equals("0000")) {
            return false;
        }
        String all = area + group + serial;
        return !all.equals("078051120") && !all.equals("219099999");
    }
}
