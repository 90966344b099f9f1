package dev.warden.quarkus.api;

import dev.warden.quarkus.WardenConfig;
import dev.warden.quarkus.api.Dtos.DevToken;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Mints signed tokens for the configured demo users ({@code warden.dev-tokens.users.*}) so the README's curl session
 * works offline. Answers 404 unless {@code warden.dev-tokens.enabled=true} <em>and</em> the {@code prod} profile is not
 * active: a packaged application started without an explicit non-prod profile ({@code dev}, {@code test},
 * {@code demo}) never hands out tokens, whatever its configuration says. Tokens are signed with
 * {@code smallrye.jwt.sign.key.location} (the generated demo-only key pair in the samples, see
 * {@code warden.dev-tokens.key-directory}) and carry {@code mp.jwt.verify.audiences} as {@code aud}.
 */
@Singleton
@Path("/v1/dev/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class DevTokenResource {
    @Inject
    WardenConfig config;
    @Inject
    Clock clock;
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://warden.dev/dev")
    String issuer;
    /** Minted tokens carry the service's own audience, so they verify here and nowhere else. */
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<List<String>> audiences;

    @GET
    @Path("{user}")
    public DevToken mint(@PathParam("user") String user) {
        if (!config.devTokens().enabled() || ConfigUtils.getProfiles().contains("prod")) {
            throw new ApiProblem(404, ApiCodes.DISABLED, "development tokens are disabled");
        }
        WardenConfig.DevUser u = config.devTokens().users().get(user);
        if (u == null) {
            throw new ApiProblem(404, ApiCodes.NOT_FOUND, "no demo user '" + user + "'; known: "
                    + config.devTokens().users().keySet());
        }
        Instant now = clock.instant();
        Instant exp = now.plus(config.devTokens().lifetime());
        JwtClaimsBuilder claims = Jwt.issuer(issuer)
                .subject(user)
                .upn(user)
                .groups(new HashSet<>(u.roles().orElse(List.of())))
                .claim(config.identity().tenantClaim(), u.tenant())
                .issuedAt(now)
                .expiresAt(exp);
        audiences.filter(a -> !a.isEmpty()).ifPresent(a -> claims.audience(new HashSet<>(a)));
        String token = claims.sign();
        return new DevToken(user, token, exp);
    }
}
