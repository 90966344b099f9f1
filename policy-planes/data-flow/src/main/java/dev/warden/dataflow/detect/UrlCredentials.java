package dev.warden.dataflow.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Passwords in the user information of URLs ({@code postgres://app:s3cr3t@db.internal:5432/orders},
 * {@code https://user:pw@host/}): the span is the password alone. Obvious placeholders ({@code ****},
 * {@code ${DB_PASSWORD}}, {@code <password>}, {@code %s}, the word {@code password}) are not reported.
 */
final class UrlCredentials {
    private UrlCredentials() {}

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)\\*+|x{3,}|\\.{3,}|\\$\\{[^}]*}|\\$[A-Z_][A-Z0-9_]*|<[^>]*>|\\{\\{?[^}]*}}?|%s|:?password|passw(or)?d|pass|pwd|secret");

    static void find(String s, List<Finding> out) {
        int scheme = s.indexOf("://");
        while (scheme >= 0) {
            int authorityStart = scheme + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < s.length() && !endsAuthority(s.charAt(authorityEnd))) {
                authorityEnd++;
            }
            int at = s.lastIndexOf('@', authorityEnd - 1);
            if (at >= authorityStart && schemeBefore(s, scheme)) {
                int colon = s.indexOf(':', authorityStart);
                if (colon >= authorityStart && colon < at - 1) {
                    String password = s.substring(colon + 1, at);
                    if (!PLACEHOLDER.matcher(password).matches()) {
                        out.add(new Finding(SensitiveKinds.SECRET, colon + 1, at - colon - 1, 0.9));
                    }
                }
            }
            scheme = s.indexOf("://", Math.max(authorityEnd, scheme + 3));
        }
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<'
                || c == '>' || c == '`';
    }

    /** A URI scheme ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}) directly before {@code ://}. */
    private static boolean schemeBefore(String s, int scheme) {
        int i = scheme;
        while (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || "+-.".indexOf(s.charAt(i - 1)) >= 0)
                && s.charAt(i - 1) < 128) {
            i--;
        }
        return i < scheme && Character.isLetter(s.charAt(i));
    }
}
