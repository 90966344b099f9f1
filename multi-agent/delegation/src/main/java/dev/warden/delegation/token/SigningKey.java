package dev.warden.delegation.token;

import java.util.Objects;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * A private signing key with its key id ({@code kid}) and algorithm (RS256 or ES256). Keys come from configuration
 * (a private JWK) or are generated; rotate by signing with a new key while verifiers still trust the old key id.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generateEs256("svc-a-2025-06");
 * String jwks = TrustedKeys.of(key).toJwks(); // publish at /.well-known/jwks.json
 * }</pre>
 */
public final class SigningKey {
    private final PublicJsonWebKey jwk;
    private final String algorithm;

    private SigningKey(PublicJsonWebKey jwk, String algorithm) {
        this.jwk = jwk;
        this.algorithm = algorithm;
        if (jwk.getKeyId() == null || jwk.getKeyId().isBlank()) {
            throw new IllegalArgumentException("a signing key needs a key id (kid)");
        }
        if (jwk.getPrivateKey() == null) {
            throw new IllegalArgumentException("signing key '" + jwk.getKeyId() + "' has no private part");
        }
    }

    public static SigningKey generateRs256(String kid) {
        try {
            PublicJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(Objects.requireNonNull(kid, "kid"));
            return new SigningKey(k, AlgorithmIdentifiers.RSA_USING_SHA256);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    public static SigningKey generateEs256(String kid) {
        try {
            PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId(Objects.requireNonNull(kid, "kid"));
            return new SigningKey(k, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }

    /** A key from a private JWK (RSA → RS256, EC P-256 → ES256); the JWK must carry a {@code kid}. */
    public static SigningKey fromJwk(String privateJwkJson) {
        try {
            PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(privateJwkJson);
            String alg = switch (k.getKeyType()) {
                case "RSA" -> AlgorithmIdentifiers.RSA_USING_SHA256;
                case "EC" -> AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
                default -> throw new IllegalArgumentException("unsupported key type " + k.getKeyType());
            };
            return new SigningKey(k, alg);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a private JWK: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return jwk.getKeyId();
    }

    public String algorithm() {
        return algorithm;
    }

    PublicJsonWebKey jwk() {
        return jwk;
    }

    /** The public half as a JWK JSON object (no private parameters). */
    public String publicJwk() {
        return jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
