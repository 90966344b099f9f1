package dev.warden.dataflow.internal;

/**
 * Values the detectors recognise only once complete and that may be longer than a stream's hold-back window, still
 * open at the end of the text streamed so far (decision 0041): a JWT ({@code ey…} or {@code ew…} base64url segments),
 * an OpenAI/Anthropic-style {@code sk-…} key or a {@code Bearer} token (a run of token characters reaching the end),
 * and a PEM block whose {@code -----BEGIN} has no {@code END} yet. Conservative by design: a false "open" only holds
 * text back a little longer. Linear in the length of the trailing run.
 */
public final class OpenValues {
    private OpenValues() {}

    /** Where such a value begins in {@code text} while still open at its end, or {@code -1}. */
    public static int start(CharSequence text) {
        int pem = openPem(text);
        int token = openToken(text);
        if (pem < 0) {
            return token;
        }
        return token < 0 ? pem : Math.min(pem, token);
    }

    private static int openToken(CharSequence text) {
        int n = text.length();
        int run = n;
        while (run > 0 && (tokenChar(text.charAt(run - 1)) || text.charAt(run - 1) == '.')) {
            run--;
        }
        if (run == n) {
            return -1;
        }
        if (endsWith(text, run, "Bearer ") || endsWith(text, run, "bearer ")) {
            return run;
        }
        for (int i = run; i + 1 < n; i++) {
            boolean boundary = i == 0 || !tokenChar(text.charAt(i - 1));
            char c = text.charAt(i);
            char next = text.charAt(i + 1);
            if (boundary && (c == 'e' && (next == 'y' || next == 'w') || c == 's' && next == 'k' && i + 2 < n
                    && text.charAt(i + 2) == '-')) {
                return i;
            }
        }
        return -1;
    }

    private static int openPem(CharSequence text) {
        String s = text.toString();
        int begin = Math.max(s.lastIndexOf("-----BEGIN "), s.lastIndexOf("---- BEGIN "));
        if (begin < 0) {
            return -1;
        }
        return s.indexOf("END ", begin) < 0 ? begin : -1;
    }

    private static boolean endsWith(CharSequence text, int at, String word) {
        int from = at - word.length();
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text.charAt(from + i) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }
}
