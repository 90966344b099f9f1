package dev.warden.quarkus.api;

import dev.warden.core.Principal;
import dev.warden.quarkus.WardenConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Maps the verified bearer token of a request to a Warden {@link Principal}: subject → id, the configured roles
 * claim → roles, the tenant claim → tenant, listed claims → attributes. Verification itself (signature, issuer,
 * audience, expiry) is SmallRye JWT's; an anonymous caller is a 401.
 */
@Singleton
public class Callers {
    private final WardenConfig config;

    Callers(WardenConfig config) {
        this.config = config;
    }

    public Principal principal(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new ApiProblem(401, ApiCodes.UNAUTHENTICATED, "a valid bearer token is required");
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (subject == null || subject.isBlank()) {
            throw new ApiProblem(401, ApiCodes.UNAUTHENTICATED, "the token names no subject");
        }
        Set<String> roles = new HashSet<>(identity.getRoles());
        Object claimed = jwt.getClaim(config.identity().rolesClaim());
        if (claimed instanceof Iterable<?> values) {
            values.forEach(v -> roles.add(unquote(String.valueOf(v))));
        }
        Object tenant = jwt.getClaim(config.identity().tenantClaim());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String claim : config.identity().attributeClaims().orElse(List.of())) {
            Object v = jwt.getClaim(claim);
            if (v != null) {
                attributes.put(claim, unquote(String.valueOf(v)));
            }
        }
        return new Principal(subject, tenant == null ? Principal.DEFAULT_TENANT : unquote(String.valueOf(tenant)),
                roles, attributes);
    }

    /** JSON-P string values print with quotes. */
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
