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
        return detect(text, true);
    }

    /**
     * @param prefilter try a pattern at a digit run only where the run's length and neighbours allow a match
     *     (decision 0065: exact necessary conditions, see {@link #mayStartSsn}, {@link #mayBeNineDigits} and
     *     {@link #mayBeNinoDigits}); {@code false} tries every pattern at every run (the reference the tests compare
     *     with)
     */
    List<Finding> detect(CharSequence text, boolean prefilter) {
        List<Finding> out = new ArrayList<>();
        Matcher ssn = null;
        Matcher nine = null;
        Matcher nino = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!isDigit(text.charAt(i)) || i > 0 && isDigit(text.charAt(i - 1))) {
                continue;
            }
            int run = i + 1;
            while (run < n && isDigit(text.charAt(run))) {
                run++;
            }
            run -= i;
            if (!prefilter || mayStartSsn(text, i, run)) {
                ssn = ssn != null ? ssn : bounded(SSN_GROUPED.matcher(text));
                if (ssn.region(i, Math.min(n, i + 11)).lookingAt()) {
                    ssn(text, ssn, out);
                }
            }
            if (!prefilter || mayBeNineDigits(run)) {
                nine = nine != null ? nine : bounded(NINE_DIGITS.matcher(text));
                if (nine.region(i, Math.min(n, i + 9)).lookingAt()) {
                    nineDigits(text, nine, out);
                }
            }
            if (i >= 2 && (!prefilter || mayBeNinoDigits(text, i, run))) {
                nino = nino != null ? nino : bounded(NINO.matcher(text));
                if (nino.region(Math.max(0, i - 3), Math.min(n, i + 12)).find() && nino.start(2) == i) {
                    nino(nino, out);
                }
            }
        }
        return out;
    }

    /** {@code SSN_GROUPED} at a run of {@code run} digits from {@code i} needs exactly three, then a dash or space. */
    static boolean mayStartSsn(CharSequence text, int i, int run) {
        int sep = i + 3;
        return run == 3 && sep < text.length() && (text.charAt(sep) == '-' || text.charAt(sep) == ' ');
    }

    /** {@code NINE_DIGITS} ({@code \d{9}(?!\d)}) needs a run of exactly nine digits. */
    static boolean mayBeNineDigits(int run) {
        return run == 9;
    }

    /**
     * A NINO whose digits begin at {@code i} has its two prefix letters right before them, or before one space; they
     * are ASCII letters ({@code (?i)} without {@code UNICODE_CASE} folds ASCII only). Its digits are pairs with
     * optional single spaces between them and a letter after them, so the run from {@code i} holds 2, 4 or 6 digits.
     */
    static boolean mayBeNinoDigits(CharSequence text, int i, int run) {
        if (run != 2 && run != 4 && run != 6) {
            return false;
        }
        int letters = text.charAt(i - 1) == ' ' ? i - 1 : i;
        return letters >= 2 && asciiLetter(text.charAt(letters - 1)) && asciiLetter(text.charAt(letters - 2));
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
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
