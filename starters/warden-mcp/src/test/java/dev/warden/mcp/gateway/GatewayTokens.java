package dev.warden.mcp.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/** RS256 test tokens with a key generated per run; no key material is committed. */
final class GatewayTokens {
    static final String ISSUER = "https://login.warden.test";
    static final String AUDIENCE = "warden-mcp";

    final KeyPair keys;

    GatewayTokens() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String subject, String... roles) {
        try {
            JwtClaims c = new JwtClaims();
            c.setIssuer(ISSUER);
            c.setAudience(AUDIENCE);
            c.setSubject(subject);
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 5));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + 600));
            c.setStringListClaim("roles", List.of(roles));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(c.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKey(keys.getPrivate());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
