package dev.warden.dataflow.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.DomainValidator;

/**
 * E-mail addresses: a dot-atom local part (Unicode letters allowed, RFC 6531), a domain of valid labels and a
 * top-level domain that exists: one of IANA's root zone (Apache Commons Validator's {@link DomainValidator}, updated
 * with each release) or a special-use name ({@code internal}, {@code example}, {@code test}, {@code invalid},
 * {@code localhost}, {@code local}). Rejects addresses without a TLD
 * ({@code root@localhost}), file names such as {@code logo@2x.png}, doubled dots, labels that start or end with a
 * hyphen, and the user information of a URL ({@code postgres://app:pw@db.internal/orders} holds a credential, which
 * {@link SecretDetector} reports, not an address).
 */
public final class EmailDetector implements Detector {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])([\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*)"
                    + "@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24}))(?![A-Za-z0-9-])");

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-.".indexOf(c) >= 0;
    }

    private static final DomainValidator DOMAINS = DomainValidator.getInstance();

    /**
     * Special-use names (RFC 2606, RFC 6761, RFC 6762, ICANN's {@code internal}): never in the root zone, yet the
     * domains of test, documentation and private-network mail ({@code carol@acme.example}, {@code ops@host.local}).
     */
    private static final java.util.Set<String> SPECIAL_USE = java.util.Set.of("internal", "example", "test",
            "invalid", "localhost", "local");

    static boolean knownTld(String tld) {
        return DOMAINS.isValidTld(tld) || SPECIAL_USE.contains(tld.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the '@' at {@code at} ends the user information of a URL: {@code scheme://user[:password]@host}. */
    static boolean inUrlUserInfo(String s, int at) {
        int tokenStart = at;
        while (tokenStart > 0 && at - tokenStart < 2048 && !Character.isWhitespace(s.charAt(tokenStart - 1))) {
            tokenStart--;
        }
        boolean afterScheme = false;
        for (int i = tokenStart; i < at; i++) {
            char c = s.charAt(i);
            if (c == ':' && i + 2 < at && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                afterScheme = true;
                i += 2;
            } else if (c == '/') {
                afterScheme = false; // a path: this '@' is not in the authority
            }
        }
        return afterScheme;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<String> kinds() {
        return Set.of(SensitiveKinds.EMAIL);
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        // anchored at each '@' instead of trying the pattern at every position: several times faster on prose
        List<Finding> out = new ArrayList<>();
        String s = text.toString();
        Matcher m = EMAIL.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
        int at = s.indexOf('@');
        int done = 0;
        while (at >= 0) {
            int start = at;
            while (start > done && at - start < 64 && localChar(s.charAt(start - 1))) {
                start--;
            }
            while (start < at && s.charAt(start) == '.') {
                start++;
            }
            m.region(start, Math.min(s.length(), at + 254));
            if (start < at && !inUrlUserInfo(s, at) && m.lookingAt() && m.group(2).length() <= 253
                    && knownTld(m.group(3))) {
                out.add(new Finding(SensitiveKinds.EMAIL, m.start(), m.end() - m.start(), 0.95));
                done = m.end();
            }
            at = s.indexOf('@', Math.max(at + 1, done));
        }
        return out;
    }
}
