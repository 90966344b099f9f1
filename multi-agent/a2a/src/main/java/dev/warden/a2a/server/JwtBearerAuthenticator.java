package dev.warden.a2a.server;

import dev.warden.core.Principal;
import java.security.Key;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * A {@link BearerAuthenticator} for JWTs signed with one known key (jose4j): RS256 or ES256 only, required
 * {@code exp}, {@code sub}, the expected issuer and audience, 5 s clock skew. The principal is {@code sub}, the
 * {@code tenant} claim (or the default tenant) and the roles of MicroProfile JWT's {@code groups} claim (or
 * {@code roles}); nothing else in the token is taken. A Quarkus application uses its SmallRye JWT / OIDC
 * verification instead.
 */
public final class JwtBearerAuthenticator implements BearerAuthenticator {
    private final JwtConsumer consumer;

    public JwtBearerAuthenticator(Key verificationKey, String issuer, String audience) {
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(verificationKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(5)
                .build();
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            Set<String> roles = new LinkedHashSet<>();
            for (String name : List.of("groups", "roles")) {
                if (claims.hasClaim(name) && claims.isClaimValueStringList(name)) {
                    roles.addAll(claims.getStringListClaimValue(name));
                }
            }
            String tenant = claims.isClaimValueString("tenant") ? claims.getStringClaimValue("tenant") : null;
            return Optional.of(new Principal(claims.getSubject(), tenant, roles, Map.of()));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
