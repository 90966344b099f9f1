package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.identity.ClaimMapping;
import dev.warden.identity.TokenVerificationException;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Maps the verified bearer token of a request to a Warden {@link Principal} with the identity plane's
 * {@link ClaimMapping} (the same mapping a non-Quarkus deployment uses): {@code sub} → id, the configured roles claim
 * (a dotted path such as {@code realm_access.roles} works) → roles, the tenant claim → tenant, listed claims →
 * attributes. Verification itself (signature, issuer, audience, expiry) is SmallRye JWT's; an anonymous caller or a
 * token whose claims do not map is a 401.
 */
@Singleton
public class Callers {
    private final ClaimMapping mapping;

    Callers(WardenConfig config) {
        ClaimMapping m = ClaimMapping.defaults().withRolesClaim(config.identity().rolesClaim())
                .withTenantClaim(config.identity().tenantClaim());
        for (String claim : config.identity().attributeClaims().orElse(List.of())) {
            m = m.withAttribute(claim, claim);
        }
        this.mapping = m;
    }

    public Principal principal(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new ApiProblem(401, ApiCodes.UNAUTHENTICATED, "a valid bearer token is required");
        }
        return principal(jwt);
    }

    /** The principal of a token SmallRye JWT has verified (e.g. on a route that runs before security). */
    public Principal principal(JsonWebToken jwt) {
        Map<String, Object> claims;
        try {
            // SmallRye JWT verified this token; reading its payload again only decodes it
            claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(jwt.getRawToken().split("\\.")[1]),
                    StandardCharsets.UTF_8)).getClaimsMap();
        } catch (InvalidJwtException | RuntimeException e) {
            throw new ApiProblem(401, ApiCodes.UNAUTHENTICATED, "the token's claims cannot be read");
        }
        try {
            return mapping.toPrincipal(claims);
        } catch (TokenVerificationException e) {
            throw new ApiProblem(401, ApiCodes.UNAUTHENTICATED, e.getMessage());
        }
    }
}
