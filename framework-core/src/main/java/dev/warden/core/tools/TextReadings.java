package dev.warden.core.tools;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jsoup.parser.Parser;

/**
 * The ways a reader (a person, a model) reads a text besides as it is: with its escapes written out, and with the
 * separators of its numbers and words taken away. One definition for {@link FieldRedaction}'s check that a withheld
 * value is not still in the text in another shape (decision 0069, 0076), so a new spelling is a new decoder here, not
 * a new case there.
 *
 * <p>Decoders: backslash escapes ({@code \u002d}, {@code \"}), {@code %XX} runs as UTF-8, HTML character references
 * (numeric and every HTML5 named one: {@code &amp;}, {@code &commat;}, {@code &nbsp;}), and quoted-printable
 * ({@code =3D}, {@code =40}, soft line breaks). Each is applied to each reading found so far, up to
 * {@value #MAX_PASSES} layers deep (a percent-encoded entity, an escaped quoted-printable text); the readings are
 * bounded, and a text that would have more, or that one more layer would still change, is answered with {@code null}
 * — the caller cannot tell what it says, so it gives up (review14 M3).
 */
public final class TextReadings {
    /** How many layers of encoding are written out. */
    static final int MAX_PASSES = 3;
    /** Most readings of one text; more means the caller cannot tell what the text says. */
    static final int MAX_READINGS = 32;
    /** Characters between two digits that group them ({@code 95,000}, {@code 95 000}, {@code 95.000}, {@code 95'000}). */
    private static final String DIGIT_GROUPING = ",.'_ \u2019\u00a0\u2009\u202f";

    private static final List<UnaryOperator<String>> DECODERS = List.of(TextReadings::backslashes,
            TextReadings::percent, TextReadings::characterReferences, TextReadings::quotedPrintable);

    private TextReadings() {}

    /**
     * {@code text} and every reading of it with one or more layers of escapes written out (see the class comment), or
     * {@code null} when there would be more than {@value #MAX_READINGS}, or when a layer past {@value #MAX_PASSES}
     * would still change a reading.
     */
    public static Set<String> of(String text) {
        Set<String> all = new LinkedHashSet<>();
        all.add(text);
        List<String> frontier = List.of(text);
        for (int pass = 0; pass < MAX_PASSES && !frontier.isEmpty(); pass++) {
            List<String> next = new ArrayList<>();
            for (String r : frontier) {
                for (UnaryOperator<String> d : DECODERS) {
                    String s = d.apply(r);
                    if (!s.equals(r) && all.add(s)) {
                        if (all.size() > MAX_READINGS) {
                            return null;
                        }
                        next.add(s);
                    }
                }
            }
            frontier = next;
        }
        for (String r : frontier) { // a layer deeper would still change the text: what it says is not known
            for (UnaryOperator<String> d : DECODERS) {
                if (!all.contains(d.apply(r))) {
                    return null;
                }
            }
        }
        return all;
    }

    /** Letters and digits only, case-folded, after Unicode compatibility normalisation. */
    public static String compact(String s) {
        String n = fold(s);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    /**
     * The words and numbers of {@code s} as {@link #compact} spells them, a number with its digit grouping taken away
     * ({@code 95,000}, {@code 95 000} and {@code 95.000} all give {@code 95000}); tokens shorter than
     * {@code minLength} are left out.
     */
    public static List<String> tokens(String s, int minLength) {
        String n = fold(s);
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                t.append(c);
            } else if (DIGIT_GROUPING.indexOf(c) >= 0 && t.length() > 0 && Character.isDigit(t.charAt(t.length() - 1))
                    && i + 1 < n.length() && Character.isDigit(n.charAt(i + 1))) {
                continue; // a digit group separator: the number goes on
            } else {
                flush(t, minLength, out);
            }
        }
        flush(t, minLength, out);
        return out;
    }

    private static void flush(StringBuilder t, int minLength, List<String> out) {
        if (t.length() >= minLength) {
            out.add(t.toString());
        }
        t.setLength(0);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** {@code \}{@code uXXXX} as its character, any other escaped character as itself ({@code \n} as a newline). */
    static String backslashes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            if (n == 'u' && i + 4 < s.length() && hex(s, i + 1, i + 5)) {
                out.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                i += 4;
            } else {
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            }
        }
        return out.toString();
    }

    /** Runs of {@code %XX} as UTF-8. */
    static String percent(String s) {
        return s.indexOf('%') < 0 ? s : hexRuns(s, '%');
    }

    /** HTML numeric and named character references, as a browser reads them in text. */
    static String characterReferences(String s) {
        return s.indexOf('&') < 0 ? s : Parser.unescapeEntities(s, false);
    }

    /** Quoted-printable: soft line breaks ({@code =} at a line end) removed, runs of {@code =XX} as UTF-8. */
    static String quotedPrintable(String s) {
        return s.indexOf('=') < 0 ? s : hexRuns(s.replace("=\r\n", "").replace("=\n", ""), '=');
    }

    private static String hexRuns(String s, char mark) {
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == mark && i + 3 <= s.length() && hex(s, i + 1, i + 3)) {
                run.write(Integer.parseInt(s, i + 1, i + 3, 16));
                i += 3;
                continue;
            }
            if (run.size() > 0) {
                out.append(run.toString(StandardCharsets.UTF_8));
                run.reset();
            }
            out.append(s.charAt(i++));
        }
        if (run.size() > 0) {
            out.append(run.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
