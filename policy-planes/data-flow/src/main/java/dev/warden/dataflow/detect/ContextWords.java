package dev.warden.dataflow.detect;

import java.util.regex.Pattern;

/** Looks for keywords shortly before a span, the way reviewers read "SSN: …" or "order no. …". */
final class ContextWords {
    private ContextWords() {}

    /** True when {@code words} occurs in the {@code window} characters before {@code start}. */
    static boolean before(CharSequence text, int start, int window, Pattern words) {
        int from = Math.max(0, start - window);
        return words.matcher(text.subSequence(from, start)).find();
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
