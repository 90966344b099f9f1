package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: API keys and client secrets in a vendor's format ({@link SensitiveKinds#API_KEY}: AWS access key ids,
 * GitHub, GitLab, Slack, Stripe, OpenAI/Anthropic ({@code sk-}), Google, npm, Hugging Face tokens and Azure AD client
 * secrets) and ({@link SensitiveKinds#SECRET}) passwords in URLs ({@link UrlCredentials}) and, without a known format,
 * high-entropy tokens next to a secret keyword.
 *
 * <p>The entropy heuristic: a token of at least 20 characters from the base64/base64url alphabet (with its {@code =}
 * padding), mixing letters and digits, whose Shannon entropy is at least 3.5 bits per character (4.0 for 32+
 * characters without a keyword, where the confidence stays below the default threshold). Hex-only strings (hashes,
 * UUIDs) need 32+ digits and a keyword bound to them ({@code token=…}, {@code secret: …}, {@code Bearer …}): a request
 * id after "Token refresh failed for request" is not a secret.
 */
public final class SecretDetector implements Detector {
    /**
     * A vendor key pattern, run only when one of its literal {@code hints} occurs in the text (a cheap pre-filter:
     * every match of the pattern contains one of them).
     */
    private record Prefixed(List<String> hints, Pattern pattern, double confidence) {
        Prefixed(String hint, Pattern pattern, double confidence) {
            this(List.of(hint), pattern, confidence);
        }

        boolean hinted(String text) {
            for (String h : hints) {
                if (text.contains(h)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Prefixed> PREFIXED = List.of(
            // the four prefixes, not "A": almost every text has a capital A, and this pattern tried at every position
            // was a third of the detector's time on a list of bank transactions
            new Prefixed(List.of("AKIA", "ASIA", "ABIA", "ACCA"),
                    Pattern.compile("(?<![A-Za-z0-9])A(?:KIA|SIA|BIA|CCA)[0-9A-Z]{16}(?![A-Za-z0-9])"), 0.95),
            new Prefixed("Q~", Pattern.compile(
                    "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"), 0.95),
            new Prefixed("glpat-", Pattern.compile("(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])"), 0.99),
            new Prefixed("npm_", Pattern.compile("(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("hf_", Pattern.compile("(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9])"), 0.95),
            new Prefixed("gh", Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("github_pat_", Pattern.compile("(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,90}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("xox", Pattern.compile("(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,72}(?![A-Za-z0-9-])"), 0.95),
            new Prefixed("_live_", Pattern.compile("(?<![A-Za-z0-9_])(?:sk|rk)_live_[A-Za-z0-9]{24,99}(?![A-Za-z0-9])"), 0.99),
            new Prefixed("sk-", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])"), 0.9),
            new Prefixed("AIza", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"), 0.95));
    static final Pattern SECRET_WORDS = Pattern.compile("(?i)(api[_ -]?key|secret|token|passw(or)?d|pwd"
            + "|passphrase|bearer|authorization|credential|access[_ -]?key|account[_ -]?key|private[_ -]?key)");
    /** A secret keyword directly bound to the value: {@code token=}, {@code "secret": "}, {@code Bearer }. */
    private static final Pattern BOUND_SECRET_WORD = Pattern.compile("(?i)(api[_ -]?key|secret|token|passw(or)?d"
            + "|pwd|passphrase|credential|access[_ -]?key|account[_ -]?key)[\"']?\\s*(?::=|=>|[:=])\\s*[\"']?$"
            + "|(?i)bearer\\s+$");
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
            if (!p.hinted(s)) {
                continue;
            }
            Matcher m = p.pattern().matcher(text);
            while (m.find()) {
                out.add(new Finding(SensitiveKinds.API_KEY, m.start(), m.end() - m.start(), p.confidence()));
            }
        }
        if (s.contains("://")) {
            UrlCredentials.find(s, out);
        }
        // maximal runs of base64/base64url characters, found by hand: a regex here dominated the scan time
        int n = s.length();
        // a keyword near a token is a keyword somewhere in the text: one look over the text answers "none near any
        // token" for most texts, instead of one search per token (SECRET_WORDS has no look-around, so a match
        // inside a window is a match in the whole text)
        Boolean anyKeyword = null;
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
            int end = withPadding(s, i);
            String token = s.substring(start, end);
            if (!mixesLettersAndDigits(token)) {
                continue;
            }
            if (anyKeyword == null) {
                anyKeyword = mayHoldSecretWord(s);
            }
            boolean keyword = anyKeyword && ContextWords.before(text, start, 40, SECRET_WORDS);
            double bits = shannonEntropy(token);
            boolean hex = HEX.matcher(token).matches();
            if (keyword && (hex ? token.length() >= 32 && boundKeyword(s, start) : bits >= 3.5)) {
                out.add(new Finding(SensitiveKinds.SECRET, start, token.length(), 0.75));
            } else if (!keyword && !hex && token.length() >= 32 && bits >= 4.0) {
                out.add(new Finding(SensitiveKinds.SECRET, start, token.length(), 0.4));
            }
        }
        return out;
    }

    /**
     * Every {@link #SECRET_WORDS} match contains one of these (lower case); the pattern is case-insensitive in ASCII
     * only, so a text whose lower-cased form holds none of them holds no match.
     */
    private static final List<String> SECRET_WORD_CORES = List.of("api", "secret", "token", "pass", "pwd", "bearer",
            "authorization", "credential", "access", "account", "private");

    /** False when no {@link #SECRET_WORDS} keyword can occur in {@code s}; a plain substring test per keyword core. */
    static boolean mayHoldSecretWord(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (String core : SECRET_WORD_CORES) {
            if (lower.contains(core)) {
                return true;
            }
        }
        return false;
    }

    /** Includes up to two {@code =} of base64 padding when nothing token-like follows them. */
    private static int withPadding(String s, int end) {
        int e = end;
        while (e < s.length() && e - end < 2 && s.charAt(e) == '=') {
            e++;
        }
        return e > end && (e == s.length() || !tokenChar(s.charAt(e)) && s.charAt(e) != '=') ? e : end;
    }

    private static boolean boundKeyword(String s, int start) {
        return BOUND_SECRET_WORD.matcher(s).region(Math.max(0, start - 40), start).find();
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
