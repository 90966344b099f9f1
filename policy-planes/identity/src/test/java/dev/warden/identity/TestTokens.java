package dev.warden.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** Issues test tokens with keys generated in the test run; no key material is committed. */
final class TestTokens {
    static final String ISSUER = "https://login.acme.test/realms/acme";
    static final String AUDIENCE = "warden";
    static final Instant NOW = Instant.parse("2024-05-06T08:00:00Z");

    final KeyPair rsa = generate("RSA", null);
    final KeyPair ec = generate("EC", "secp256r1");

    static KeyPair generate(String algorithm, String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec(curve));
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JwtClaims claims(Map<String, Object> extra) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience(AUDIENCE);
        c.setSubject("ann");
        c.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 60));
        c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 300));
        extra.forEach(c::setClaim);
        return c;
    }

    String rs256(JwtClaims claims) {
        return sign(claims, rsa, AlgorithmIdentifiers.RSA_USING_SHA256, "rsa-1");
    }

    String es256(JwtClaims claims) {
        return sign(claims, ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "ec-1");
    }

    static String sign(JwtClaims claims, KeyPair keys, String alg, String kid) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue(kid);
            jws.setKey(keys.getPrivate());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document with the public halves of both keys. */
    String jwks() {
        RsaJsonWebKey r = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) rsa.getPublic());
        r.setKeyId("rsa-1");
        r.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        EllipticCurveJsonWebKey e = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) ec.getPublic());
        e.setKeyId("ec-1");
        e.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return new JsonWebKeySet(r, e).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
