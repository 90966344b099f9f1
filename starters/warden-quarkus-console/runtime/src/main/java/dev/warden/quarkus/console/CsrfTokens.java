package dev.warden.quarkus.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Double-submit CSRF tokens: the browser holds a random token in an HttpOnly, SameSite=Strict cookie scoped to
 * {@code /warden}; every console form carries the same token in a hidden {@code _csrf} field (htmx requests in the
 * {@code X-CSRF-Token} header). A page from another site can make the browser send the cookie (SameSite permitting)
 * but cannot read it, so it cannot fill in the field. Compared in constant time.
 */
public final class CsrfTokens {
    /** The cookie holding the browser's token. */
    public static final String COOKIE = "warden-console-csrf";
    /** The form field carrying it back. */
    public static final String FIELD = "_csrf";
    /** The header htmx requests carry it in. */
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {}

    /** A new random token (256 bits, URL-safe). */
    public static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether a posted token matches the browser's cookie: both present, of a plausible length, and equal. A missing
     * cookie never matches, even an empty field.
     */
    public static boolean matches(String cookie, String submitted) {
        if (cookie == null || submitted == null || cookie.length() < 32 || cookie.length() > 128) {
            return false;
        }
        return MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }
}
