package dev.warden.core.provenance;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normal forms for comparing an argument with text as a <em>whole</em> value: IBANs compact and upper case, numbers as
 * numbers ({@code 12.00} = {@code 12}, never a digit inside a date, an IBAN or a longer number), text NFKC-folded,
 * lower case, runs of whitespace as one space, matched only at word boundaries and only when informative enough.
 */
public final class ValueForms {
    /** Minimum length of a single-word text value; shorter words ("March", "Rent") carry too little to trace. */
    static final int MIN_WORD = 6;
    /** Minimum length of a text value with a digit or a space in it. */
    static final int MIN_TEXT = 4;

    private static final Pattern WS = Pattern.compile("[\\s\\p{Z}]+");
    static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{L}\\p{N}_.,:/-])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?)(?![\\p{L}\\p{N}_]|[.,:/-]\\d)");
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?)");
    /** An IBAN written compact, or in the printed form of groups of four. */
    static final Pattern IBAN = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?:[A-Za-z0-9]{8,30}"
            + "|[A-Za-z0-9]{0,2}(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)(?![\\p{L}\\p{N}])");
    private static final Pattern IBAN_COMPACT = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{8,32}");

    /** An e-mail address in canonical (lower-case) text. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /**
     * A web address or file name in canonical text: a dotted name ending in two or more letters, optional scheme and
     * path ({@code www.dora-website.com}, {@code https://x.org/a}, {@code bill-december-2023.txt}).
     */
    private static final Pattern ADDRESS = Pattern.compile("(?<![\\p{L}\\p{N}@._%+/-])(?:[a-z][a-z0-9+.-]*://)?"
            + "[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)*\\.\\p{L}{2,}(?:/[^\\s\"'<>()\\[\\]{}]*)?");
    /** One or more words, each starting with an upper-case letter ("Dora", "Mary Ann", "O'Neil"). */
    private static final Pattern PROPER_NAME = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}'’-]*(?: \\p{Lu}[\\p{L}\\p{N}'’-]*)*");
    /** Most address-shaped values one text contributes (bounds the work on hostile input). */
    static final int MAX_ADDRESSES = 64;

    /** Shapes of values that name a destination or a source. */
    public enum Shape { EMAIL, IBAN, ADDRESS }

    private ValueForms() {}

    /** The shape {@code value} has as a whole (an e-mail, an IBAN, a web address or file name), or {@code null}. */
    public static Shape shape(String value) {
        if (value == null) {
            return null;
        }
        if (iban(value) != null) {
            return Shape.IBAN;
        }
        String t = text(value);
        if (EMAIL.matcher(t).matches()) {
            return Shape.EMAIL;
        }
        return ADDRESS.matcher(t).matches() ? Shape.ADDRESS : null;
    }

    /** The canonical form of an address-shaped value: IBAN compact, text canonical, no scheme or trailing dot/slash. */
    public static String address(String value, Shape shape) {
        if (shape == Shape.IBAN) {
            return iban(value);
        }
        String t = text(value);
        if (shape == Shape.ADDRESS) {
            t = t.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
            while (!t.isEmpty() && ".,;:!?/".indexOf(t.charAt(t.length() - 1)) >= 0) {
                t = t.substring(0, t.length() - 1);
            }
        }
        return t;
    }

    /** The values of {@code shape} written in {@code text}, canonical (at most {@link #MAX_ADDRESSES}). */
    public static Set<String> addressesIn(CharSequence text, Shape shape) {
        return addressesIn(text, shape, MAX_ADDRESSES);
    }

    /** The values of {@code shape} written in {@code text}, canonical (at most {@code limit}). */
    static Set<String> addressesIn(CharSequence text, Shape shape, int limit) {
        Set<String> out = new LinkedHashSet<>();
        if (shape == Shape.IBAN) {
            out.addAll(ibansIn(text));
            return out;
        }
        String t = text(text);
        Matcher m = (shape == Shape.EMAIL ? EMAIL : ADDRESS).matcher(t);
        while (m.find() && out.size() < limit) {
            out.add(address(m.group(), shape));
        }
        return out;
    }

    /**
     * Whether the request names {@code value} as a proper name: written in it as whole words, case as typed, each
     * word starting with a capital letter, at least once not at the start of a sentence ("the article that Bob
     * posted", "Invite Dora to Slack"). A lower-case word of the request ("content", "channel") or its first word
     * names nobody. A name, not evidence of a value.
     */
    public static boolean named(String request, String value) {
        if (request == null || value == null) {
            return false;
        }
        String r = WS.matcher(Normalizer.normalize(request, Normalizer.Form.NFKC)).replaceAll(" ");
        String v = WS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll(" ").trim();
        if (v.length() < 2 || !PROPER_NAME.matcher(v).matches()) {
            return false;
        }
        for (int i = r.indexOf(v); i >= 0; i = r.indexOf(v, i + 1)) {
            int end = i + v.length();
            boolean whole = (i == 0 || !Character.isLetterOrDigit(r.charAt(i - 1)))
                    && (end == r.length() || !Character.isLetterOrDigit(r.charAt(end)));
            if (whole && !sentenceStart(r, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sentenceStart(String r, int i) {
        int j = i - 1;
        while (j >= 0 && (r.charAt(j) == ' ' || r.charAt(j) == '\'' || r.charAt(j) == '"')) {
            j--;
        }
        if (j < 0) {
            return true;
        }
        char c = r.charAt(j);
        // "1. Read", "done! Then", "tasks: Invite"
        return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n';
    }

    /** NFKC, lower case, whitespace runs as one space, trimmed. */
    public static String text(CharSequence s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return WS.matcher(n).replaceAll(" ").trim();
    }

    /** The compact upper-case form when {@code s} as a whole is shaped like an IBAN (spaces allowed), else null. */
    public static String iban(String s) {
        String compact = WS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC)).replaceAll("").toUpperCase(Locale.ROOT);
        return IBAN_COMPACT.matcher(compact).matches() ? compact : null;
    }

    /** IBAN-shaped tokens in {@code text}, compact. */
    public static Set<String> ibansIn(CharSequence text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = bounded(IBAN.matcher(text));
        int n = text.length();
        for (int i = 0; i < n; i++) {
            // a match begins with two ASCII letters and two digits after no letter or number: tried only there
            if (i + 3 < n && asciiLetter(text.charAt(i)) && asciiLetter(text.charAt(i + 1))
                    && asciiDigit(text.charAt(i + 2)) && asciiDigit(text.charAt(i + 3))
                    && (i == 0 || !asciiLetterOrDigit(text.charAt(i - 1))) && m.region(i, n).lookingAt()) {
                String c = iban(m.group());
                if (c != null) {
                    out.add(c);
                }
                i = m.end() - 1;
            }
        }
        return out;
    }

    /**
     * The pattern's look-arounds see the text outside the region, so {@code lookingAt} at {@code i} answers what
     * {@code find} answers when it reaches {@code i} (decision 0058: the patterns are tried only where a match can
     * begin, not at every character).
     */
    private static Matcher bounded(Matcher m) {
        return m.useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean asciiLetterOrDigit(char c) {
        return asciiLetter(c) || asciiDigit(c);
    }

    /** The number an argument holds ({@code Number} or a string that is one number as a whole), else null. */
    public static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            try {
                return canonical(new BigDecimal(n.toString()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof String s && NUMERIC.matcher(s.trim()).matches()) {
            return parse(s.trim());
        }
        return null;
    }

    /** The stand-alone numbers written in {@code text}: not digits of a date, an IBAN, a time or a longer token. */
    public static Set<BigDecimal> numbersIn(CharSequence text) {
        Set<BigDecimal> out = new LinkedHashSet<>();
        Matcher m = bounded(NUMBER.matcher(text));
        int n = text.length();
        for (int i = 0; i < n; i++) {
            // a match begins with a digit after none of the look-behind's ASCII characters: tried only there
            char c = text.charAt(i);
            if (asciiDigit(c) && (i == 0 || !numberGlue(text.charAt(i - 1))) && m.region(i, n).lookingAt()) {
                BigDecimal d = parse(m.group(1));
                if (d != null) {
                    out.add(d);
                }
                i = m.end() - 1;
            }
        }
        return out;
    }

    /** ASCII characters {@code NUMBER}'s look-behind refuses before a number (it refuses more; it is checked too). */
    private static boolean numberGlue(char c) {
        return asciiLetterOrDigit(c) || c == '_' || c == '.' || c == ',' || c == ':' || c == '/' || c == '-';
    }

    /** Whether a text value carries enough information to be traced at all. */
    public static boolean informative(String canonical) {
        if (canonical == null) {
            return false;
        }
        boolean digitOrSpace = canonical.chars().anyMatch(c -> Character.isDigit(c) || c == ' ');
        return canonical.length() >= MIN_WORD || (digitOrSpace && canonical.length() >= MIN_TEXT);
    }

    /** Whether {@code needle} occurs in {@code haystack} (both canonical) delimited by non-alphanumerics. */
    public static boolean containsWhole(String haystack, String needle) {
        if (needle.isEmpty()) {
            return false;
        }
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            int end = i + needle.length();
            boolean left = i == 0 || !Character.isLetterOrDigit(haystack.charAt(i - 1))
                    || !Character.isLetterOrDigit(needle.charAt(0));
            boolean right = end == haystack.length() || !Character.isLetterOrDigit(haystack.charAt(end))
                    || !Character.isLetterOrDigit(needle.charAt(needle.length() - 1));
            if (left && right) {
                return true;
            }
        }
        return false;
    }

    static BigDecimal parse(String raw) {
        String plain = GROUPED.matcher(raw).matches() ? raw.replace(",", "") : raw.replace(',', '.');
        try {
            return canonical(new BigDecimal(plain));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal canonical(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
}
