package dev.warden.quarkus.runtime;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a verified user token whose {@code iat} lies in the future beyond the clock-skew leeway
 * ({@code mp.jwt.verify.clock.skew}, seconds; Warden's default 5): SmallRye JWT checks signature, issuer, audience and
 * {@code exp} (with the same leeway) but accepts a token "issued" tomorrow, which outlives its stated lifetime.
 * Applies to every authenticated HTTP request (REST API, MCP gateway), before any application code.
 */
@Singleton
public class IssuedAtCheck implements SecurityIdentityAugmentor {
    private final Clock clock;
    private final long skewSeconds;

    IssuedAtCheck(Clock clock, @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "5") long skewSeconds) {
        this.clock = clock;
        this.skewSeconds = skewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getIssuedAtTime() > clock.instant().getEpochSecond() + skewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "token issued in the future (iat beyond the " + skewSeconds + " s clock-skew leeway)"));
        }
        return Uni.createFrom().item(identity);
    }
}
