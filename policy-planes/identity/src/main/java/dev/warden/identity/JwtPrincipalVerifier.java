package dev.warden.identity;

import dev.warden.core.Principal;
import dev.warden.identity.internal.ClaimReader;
import dev.warden.identity.internal.JoseErrors;
import dev.warden.identity.internal.TokenHeader;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Establishes the {@link Principal} of a run from a signed JWT, with jose4j doing the cryptography.
 *
 * <h2>What is checked</h2>
 * The token must be a compact JWS signed with an accepted algorithm (RS256 or ES256 by default; {@code alg: none}
 * and HMAC algorithms are always refused), verify with the configured public key or a key of the configured JWKS
 * document (matched by {@code kid}/{@code alg}), carry the expected {@code iss}, an {@code aud} containing the
 * expected audience and an {@code exp} that has not passed, with {@link Builder#clockSkew} tolerance measured on the
 * injected {@link Clock}. {@code nbf}/{@code iat} in the future beyond the skew are refused too. The claims are then
 * mapped by a {@link ClaimMapping}. Every refusal is a {@link TokenVerificationException} with a stable code
 * ({@code WARDEN-ID-0050}…{@code 0060}) and a message that never echoes the token.
 *
 * <h2>Threading</h2>
 * Immutable and thread-safe; verification is pure CPU (JWKS documents are supplied as text: fetching and refreshing
 * them is the caller's job, at boot or on a worker thread, followed by building a new verifier).
 *
 * <pre>{@code
 * JwtPrincipalVerifier verifier = JwtPrincipalVerifier.builder()
 *         .issuer("https://login.acme.com/realms/acme").audience("warden")
 *         .jwks(jwksJson)
 *         .claimMapping(ClaimMapping.defaults().withRolesClaim("realm_access.roles"))
 *         .build();
 * Principal user = verifier.verify(bearerToken); // throws TokenVerificationException when refused
 * }</pre>
 */
public final class JwtPrincipalVerifier {
    /** Algorithms accepted unless {@link Builder#algorithms} says otherwise. */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
    /** Tokens longer than this are refused as malformed before any parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;
    private final Set<String> algorithms;
    private final PublicKey key;
    private final VerificationKeyResolver resolver;
    private final ClaimMapping mapping;

    private JwtPrincipalVerifier(Builder b) {
        this.issuer = Objects.requireNonNull(b.issuer, "issuer");
        this.audience = Objects.requireNonNull(b.audience, "audience");
        this.clockSkew = b.clockSkew;
        this.clock = b.clock;
        this.algorithms = Set.copyOf(b.algorithms);
        this.key = b.key;
        this.resolver = b.resolver;
        this.mapping = b.mapping;
        if ((key == null) == (resolver == null)) {
            throw new IllegalArgumentException(IdentityCodes.VERIFIER_MISCONFIGURED
                    + " configure exactly one of verificationKey(...) or jwks(...)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies {@code token} and maps its claims; see the class comment for every check. */
    public Principal verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenVerificationException(IdentityCodes.TOKEN_MALFORMED, "token is empty or longer than "
                    + MAX_TOKEN_CHARS + " characters");
        }
        String alg = TokenHeader.algorithmOf(token.trim());
        if (!algorithms.contains(alg)) {
            throw new TokenVerificationException(IdentityCodes.TOKEN_ALGORITHM_REJECTED, "algorithm '" + alg
                    + "' is not accepted (accepted: " + algorithms.stream().sorted().toList() + ")");
        }
        try {
            return ClaimReader.principal(consumer().processToClaims(token.trim()).getClaimsMap(), mapping);
        } catch (InvalidJwtException e) {
            throw JoseErrors.translate(e, issuer, audience, clock.instant(), clockSkew);
        }
    }

    private JwtConsumer consumer() {
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds((int) Math.min(Integer.MAX_VALUE, clockSkew.toSeconds()))
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        algorithms.toArray(new String[0]));
        return (key != null ? b.setVerificationKey(key) : b.setVerificationKeyResolver(resolver)).build();
    }

    /** Builds a {@link JwtPrincipalVerifier}. {@code issuer}, {@code audience} and one key source are required. */
    public static final class Builder {
        private String issuer;
        private String audience;
        private Duration clockSkew = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private final Set<String> algorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
        private PublicKey key;
        private VerificationKeyResolver resolver;
        private ClaimMapping mapping = ClaimMapping.defaults();

        private Builder() {}

        /** The exact {@code iss} expected. */
        public Builder issuer(String value) {
            this.issuer = Objects.requireNonNull(value);
            return this;
        }

        /** An {@code aud} value the token must contain. */
        public Builder audience(String value) {
            this.audience = Objects.requireNonNull(value);
            return this;
        }

        /** Tolerance for {@code exp}, {@code nbf} and {@code iat}; 30 s by default. */
        public Builder clockSkew(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("clock skew must not be negative");
            }
            this.clockSkew = value;
            return this;
        }

        /** The clock expiry is measured on; inject a test clock in tests. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Accepted algorithms: a subset of RS256, RS384, RS512, ES256, ES384, ES512, PS256. Never none or HS*. */
        public Builder algorithms(String... values) {
            Set<String> allowed = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256");
            for (String a : values) {
                if (!allowed.contains(a)) {
                    throw new IllegalArgumentException(IdentityCodes.VERIFIER_MISCONFIGURED
                            + " algorithm '" + a + "' is not an accepted asymmetric algorithm " + allowed);
                }
            }
            algorithms.clear();
            algorithms.addAll(List.of(values));
            return this;
        }

        /** Verifies every token with this public key (RSA or EC). */
        public Builder verificationKey(PublicKey value) {
            this.key = Objects.requireNonNull(value);
            return this;
        }

        /** Verifies with the keys of a JWKS document ({@code {"keys": [...]}}), chosen by {@code kid} and alg. */
        public Builder jwks(String json) {
            try {
                this.resolver = new JwksVerificationKeyResolver(new JsonWebKeySet(json).getJsonWebKeys());
            } catch (JoseException | RuntimeException e) {
                throw new IllegalArgumentException(IdentityCodes.VERIFIER_MISCONFIGURED
                        + " JWKS document is not valid: " + e.getMessage(), e);
            }
            return this;
        }

        public Builder claimMapping(ClaimMapping value) {
            this.mapping = Objects.requireNonNull(value);
            return this;
        }

        public JwtPrincipalVerifier build() {
            return new JwtPrincipalVerifier(this);
        }
    }
}
