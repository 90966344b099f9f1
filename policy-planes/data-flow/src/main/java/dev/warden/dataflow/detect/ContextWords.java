package dev.warden.dataflow.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Looks for keywords shortly before or after a span, the way reviewers read "SSN: …" or "order no. …". */
final class ContextWords {
    private ContextWords() {}

    /**
     * True when {@code words} occurs in the {@code window} characters before {@code start}. The window is searched
     * with transparent bounds, so {@code \b} sees the text outside it: a window that begins inside "recall" or
     * "Hotel" does not find the words "call" or "tel".
     */
    static boolean before(CharSequence text, int start, int window, Pattern words) {
        return find(text, Math.max(0, start - window), start, words);
    }

    /** True when {@code words} occurs in the {@code window} characters after {@code end} (same boundary rules). */
    static boolean after(CharSequence text, int end, int window, Pattern words) {
        return find(text, end, Math.min(text.length(), end + window), words);
    }

    private static boolean find(CharSequence text, int from, int to, Pattern words) {
        if (from >= to) {
            return false;
        }
        Matcher m = words.matcher(text);
        m.region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
        return m.find();
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** True when the span is not glued to further letters or digits on either side. */
    static boolean standsAlone(CharSequence text, int start, int end) {
        return (start == 0 || !isWordChar(text.charAt(start - 1)))
                && (end >= text.length() || !isWordChar(text.charAt(end)));
    }
}
