package dev.warden.identity.internal;

import dev.warden.identity.IdentityCodes;
import dev.warden.identity.TokenVerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Reads the protected header of a compact JWS before verification, so an unsigned or wrongly shaped token gets a
 * precise code instead of a generic failure. Nothing read here is trusted: the signature check follows.
 */
public final class TokenHeader {
    private TokenHeader() {}

    /** The {@code alg} of a three-part compact JWS; throws for malformed or unsigned tokens. */
    public static String algorithmOf(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw malformed("encrypted tokens (JWE) are not accepted; expected a signed JWT");
        }
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw malformed("expected a compact JWS of three base64url parts separated by '.'");
        }
        Map<String, Object> header;
        try {
            String json = new String(Base64Url.decode(parts[0]), StandardCharsets.UTF_8);
            header = JsonUtil.parseJson(json);
        } catch (JoseException | RuntimeException e) {
            throw malformed("token header is not base64url-encoded JSON");
        }
        Object alg = header.get("alg");
        if (alg == null || "none".equalsIgnoreCase(String.valueOf(alg))) {
            throw new TokenVerificationException(IdentityCodes.TOKEN_UNSIGNED,
                    "token is unsigned (alg '" + alg + "'); only signed tokens are accepted");
        }
        if (parts[2].isEmpty()) {
            throw new TokenVerificationException(IdentityCodes.TOKEN_UNSIGNED, "token carries no signature");
        }
        return String.valueOf(alg);
    }

    private static TokenVerificationException malformed(String message) {
        return new TokenVerificationException(IdentityCodes.TOKEN_MALFORMED, message);
    }
}
