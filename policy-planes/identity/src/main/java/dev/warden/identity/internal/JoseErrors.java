package dev.warden.identity.internal;

import dev.warden.identity.IdentityCodes;
import dev.warden.identity.TokenVerificationException;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Translates jose4j's {@link InvalidJwtException} into a {@link TokenVerificationException} with one stable code.
 * When several things are wrong the most fundamental wins: signature, key, issuer, audience, time, shape.
 */
public final class JoseErrors {
    private JoseErrors() {}

    public static TokenVerificationException translate(InvalidJwtException e, String issuer, String audience,
            Instant now, Duration skew) {
        if (hasCause(e, UnresolvableKeyException.class)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_UNKNOWN_KEY,
                    "no key of the JWKS document matches the token's kid/alg", e);
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_BAD_SIGNATURE,
                    "signature does not verify with the configured key", e);
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_UNSIGNED, "token carries no signature", e);
        }
        JwtClaims claims = e.getJwtContext() == null ? null : e.getJwtContext().getJwtClaims();
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_WRONG_ISSUER, "issuer "
                    + describe(claims, "iss") + " is not the expected '" + issuer + "'", e);
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_WRONG_AUDIENCE, "audience "
                    + describe(claims, "aud") + " does not contain '" + audience + "'", e);
        }
        if (e.hasExpired() || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_EXPIRED, e.hasExpired()
                    ? "token expired at " + expiry(claims) + " (now " + now + ", allowed skew " + skew + ")"
                    : "token has no expiry (exp); tokens must expire", e);
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_NOT_YET_VALID, "token is not valid yet (now "
                    + now + ", allowed skew " + skew + ")", e);
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM) || e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return new TokenVerificationException(IdentityCodes.TOKEN_MALFORMED,
                    "token claims are not well-formed JSON with the registered claim types", e);
        }
        return new TokenVerificationException(IdentityCodes.TOKEN_MALFORMED, "token could not be processed: "
                + e.getErrorDetails().stream().map(d -> "code " + d.getErrorCode()).toList(), e);
    }

    private static String describe(JwtClaims claims, String name) {
        Object v = claims == null ? null : claims.getClaimValue(name);
        return v == null ? "(missing)" : "'" + v + "'";
    }

    private static String expiry(JwtClaims claims) {
        try {
            NumericDate exp = claims == null ? null : claims.getExpirationTime();
            return exp == null ? "(unknown)" : Instant.ofEpochSecond(exp.getValue()).toString();
        } catch (MalformedClaimException ex) {
            return "(malformed)";
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
