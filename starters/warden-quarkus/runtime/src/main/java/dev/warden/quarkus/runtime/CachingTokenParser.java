package dev.warden.quarkus.runtime;

import dev.warden.quarkus.WardenConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Puts a {@link VerifiedTokenCache} in front of SmallRye JWT's verification of bearer tokens with the configured key
 * ({@link JWTParser#parse(String)}, what Quarkus' token authentication calls for every request):
 * {@code warden.identity.token-cache.*}. Every other method (verification with an explicit key or context, decryption,
 * parsing without verification) goes to SmallRye unchanged. When the key comes from a URL
 * ({@code mp.jwt.verify.publickey.location}, a JWKS), cached tokens follow its key set ({@link JwksKeyBindings},
 * decision 0049).
 */
@Decorator
@Priority(10)
public abstract class CachingTokenParser implements JWTParser {
    private final JWTParser delegate;
    private final VerifiedTokenCache cache;

    @Inject
    CachingTokenParser(@Delegate @Any JWTParser delegate, WardenConfig config, Clock clock,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> tokenAgeSeconds,
            @ConfigProperty(name = "smallrye.jwt.time-to-live") Optional<Long> timeToLiveSeconds,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "smallrye.jwt.jwks.refresh-interval", defaultValue = "60") int refreshMinutes) {
        this.delegate = delegate;
        WardenConfig.TokenCache c = config.identity().tokenCache();
        this.cache = new VerifiedTokenCache(clock, c.ttl(), c.maxSize(), maxAge(tokenAgeSeconds, timeToLiveSeconds),
                keyBinding(keyLocation.orElse(null), refreshMinutes, c.ttl()));
    }

    /**
     * How cached tokens follow the verification key: a key set served at a URL is read on SmallRye's refresh schedule
     * (an unknown key id re-reads it at most once per cache {@code ttl}); a key from a file or inline is fixed.
     */
    static VerificationKeyBinding keyBinding(String location, int refreshMinutes, java.time.Duration ttl) {
        return JwksKeyBindings.followable(location) ? new JwksKeyBindings(location,
                java.time.Duration.ofMinutes(Math.max(1, refreshMinutes)), ttl) : VerificationKeyBinding.STATIC;
    }

    /**
     * The longest a token may be used after its {@code iat}: {@code mp.jwt.verify.token.age} is the time-dependent
     * limit SmallRye applies at every verification (a cached token must stop where SmallRye would refuse it);
     * {@code smallrye.jwt.time-to-live} bounds {@code exp - iat} and is taken too where smaller (safe side).
     */
    public static long maxAge(Optional<Long> tokenAge, Optional<Long> timeToLive) {
        long age = tokenAge.filter(v -> v > 0).orElse(0L);
        long ttl = timeToLive.filter(v -> v > 0).orElse(0L);
        return age == 0 ? ttl : ttl == 0 ? age : Math.min(age, ttl);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return cache.verified(token, delegate::parse);
    }
}
