package dev.warden.dataflow.internal;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal forms used to compare argument values with content: IBANs without spaces and upper-/lower-case differences,
 * e-mail addresses case-folded, amounts as plain decimals ({@code 1,200.00} = {@code 1200} = {@code 1200.0}).
 */
public final class ValueNormalizer {
    static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d{1,3}(?:[.,' ]\\d{3})*(?:[.,]\\d{1,2})?(?![\\d])"
            + "|(?<![\\d.,])\\d+(?:[.,]\\d{1,2})?(?![\\d])");

    private ValueNormalizer() {}

    /** Compatibility-normalised, case-folded, without any whitespace. */
    public static String compact(CharSequence s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Every plain-decimal reading of the amounts written in {@code text} (both 1,200.50 and 1.200,50 styles). */
    public static Set<String> amounts(CharSequence text) {
        Set<String> out = new LinkedHashSet<>();
        // both alternatives begin with a digit not preceded by [\d.,]: the pattern is tried only there, not at every
        // position (its look-behinds at every character were most of this method's time); finds what find() finds
        Matcher m = NUMBER.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isAsciiDigit(text.charAt(i)) || i > 0 && numberContinues(text.charAt(i - 1))
                    || !m.region(i, n).lookingAt()) {
                i++;
                continue;
            }
            String raw = m.group();
            add(out, without(raw, ",' "));
            add(out, without(raw, ".' ").replace(',', '.'));
            i = m.end();
        }
        return out;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean numberContinues(char c) {
        return isAsciiDigit(c) || c == '.' || c == ',';
    }

    /** Plain-decimal form of an amount argument ({@code Number} or numeric string), or {@code null}. */
    public static String amount(Object value) {
        if (value instanceof Number n) {
            try {
                return plain(new BigDecimal(n.toString()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof String s) {
            Set<String> all = amounts(s);
            return all.isEmpty() ? null : all.iterator().next();
        }
        return null;
    }

    /** {@code s} without the characters in {@code drop} (no regular expression compiled per call). */
    private static String without(String s, String drop) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (drop.indexOf(s.charAt(i)) < 0) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    private static void add(Set<String> out, String candidate) {
        try {
            out.add(plain(new BigDecimal(candidate)));
        } catch (NumberFormatException ignored) {
            // not a number in this reading
        }
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
