package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: API keys with a known vendor prefix ({@link SensitiveKinds#API_KEY}) and, without a prefix,
 * high-entropy tokens next to a secret keyword ({@link SensitiveKinds#SECRET}).
 *
 * <p>The entropy heuristic: a token of at least 20 characters from the base64/base64url alphabet, mixing letters and
 * digits, whose Shannon entropy is at least 3.5 bits per character (4.0 for 32+ characters without a keyword, where
 * the confidence stays below the default threshold). Hex-only strings (hashes, UUIDs) need a keyword and 32+ digits.
 */
public final class SecretDetector implements Detector {
    /** A vendor key pattern, run only when its literal {@code hint} occurs in the text (a cheap pre-filter). */
    private record Prefixed(String hint, Pattern pattern, double confidence) {}

    private static final List<Prefixed> PREFIXED = List.of(
            new Prefixed("AKIA", Pattern.compile("(?<![A-Za-z0-9])AKIA[0-9A-Z]{16}(?![A-Za-z0-9])"), 0.95),
            new Prefixed("ASIA", Pattern.compile("(?<![A-Za-z0-9])ASIA[0-9A-Z]{16}(?![A-Za-z0-9])"), 0.95),
            new Prefixed("gh", Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("github_pat_", Pattern.compile("(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,90}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("xox", Pattern.compile("(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,72}(?![A-Za-z0-9-])"), 0.95),
            new Prefixed("_live_", Pattern.compile("(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{24,99}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("sk-", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])"), 0.9),
            new Prefixed("AIza", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"), 0.95));
    private static final Pattern SECRET_WORDS = Pattern.compile(
            "(?i)(api[_ -]?key|secret|token|passw(or)?d|pwd|bearer|authorization|credential|access[_ -]?key)");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F-]+");

    @Override
    public String name() {
        return "secret";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.API_KEY, SensitiveKinds.SECRET);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        List<Finding> out = new ArrayList<>();
        String s = text.toString();
        for (Prefixed p : PREFIXED) {
            if (!s.contains(p.hint())) {
                continue;
            }
            Matcher m = p.pattern().matcher(text);
            while (m.find()) {
                out.add(new Finding(SensitiveKinds.API_KEY, m.start(), m.end() - m.start(), p.confidence()));
            }
        }
        // maximal runs of base64/base64url characters, found by hand: a regex here dominated the scan time
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!tokenChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && tokenChar(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len < 20 || len > 512) {
                continue;
            }
            String token = s.substring(start, i);
            if (token.length() < 20 || !mixesLettersAndDigits(token)) {
                continue;
            }
            boolean keyword = ContextWords.before(text, start, 40, SECRET_WORDS);
            double bits = shannonEntropy(token);
            boolean hex = HEX.matcher(token).matches();
            if (keyword && (hex ? token.length() >= 32 : bits >= 3.5)) {
                out.add(new Finding(SensitiveKinds.SECRET, start, token.length(), 0.75));
            } else if (!keyword && !hex && token.length() >= 32 && bits >= 4.0) {
                out.add(new Finding(SensitiveKinds.SECRET, start, token.length(), 0.4));
            }
        }
        return out;
    }

    private static boolean tokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '_'
                || c == '-';
    }

    private static boolean mixesLettersAndDigits(String s) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length() && !(letter && digit); i++) {
            char c = s.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }

    /** Shannon entropy in bits per character. */
    static double shannonEntropy(String s) {
        int[] counts = new int[128];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
                n++;
            }
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        return h;
    }
}
