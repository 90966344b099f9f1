package dev.warden.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How verified JWT claims become a {@link dev.warden.core.Principal}. Claim names may be dotted paths into nested
 * objects, e.g. {@code realm_access.roles} (Keycloak) or {@code https://acme.com/tenant}-style flat names (a path
 * segment is first looked up whole, so names containing dots still work when the claim exists under that name).
 *
 * <ul>
 *   <li>{@code subjectClaim} → {@code Principal.id} (required in the token);</li>
 *   <li>{@code rolesClaim} → {@code Principal.roles}: a JSON array of strings or one space-separated string
 *       (OAuth {@code scope} style); missing means no roles;</li>
 *   <li>{@code tenantClaim} → {@code Principal.tenant}: a string; missing means {@code Principal.DEFAULT_TENANT};
 *       {@code null} ignores tenants;</li>
 *   <li>{@code attributeClaims}: attribute name → claim path; scalars become strings, arrays of scalars a
 *       comma-separated string; missing claims are left out.</li>
 * </ul>
 *
 * <pre>{@code
 * ClaimMapping keycloak = ClaimMapping.defaults()
 *         .withRolesClaim("realm_access.roles")
 *         .withTenantClaim("org")
 *         .withAttribute("department", "dept");
 * }</pre>
 */
public record ClaimMapping(String subjectClaim, String rolesClaim, String tenantClaim,
        Map<String, String> attributeClaims) {

    public ClaimMapping {
        Objects.requireNonNull(subjectClaim, "subjectClaim");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        attributeClaims = attributeClaims == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeClaims));
    }

    /**
     * The principal of claims that were already verified (by {@link JwtPrincipalVerifier} or by a platform such as
     * SmallRye JWT).
     *
     * @throws TokenVerificationException if the subject is missing or a mapped claim has the wrong type
     */
    public dev.warden.core.Principal toPrincipal(Map<String, Object> verifiedClaims) {
        return dev.warden.identity.internal.ClaimReader.principal(verifiedClaims, this);
    }

    /** {@code sub}, {@code roles}, {@code tenant}, no attributes. */
    public static ClaimMapping defaults() {
        return new ClaimMapping("sub", "roles", "tenant", Map.of());
    }

    public ClaimMapping withSubjectClaim(String path) {
        return new ClaimMapping(path, rolesClaim, tenantClaim, attributeClaims);
    }

    public ClaimMapping withRolesClaim(String path) {
        return new ClaimMapping(subjectClaim, path, tenantClaim, attributeClaims);
    }

    /** {@code null} to ignore tenants (every principal gets the default tenant). */
    public ClaimMapping withTenantClaim(String path) {
        return new ClaimMapping(subjectClaim, rolesClaim, path, attributeClaims);
    }

    public ClaimMapping withAttribute(String attribute, String path) {
        if (dev.warden.core.Declassification.REQUESTER.equals(attribute)) {
            // whether a human answers confirmations is the runtime's to say, never a token's (decision 0039)
            throw new IllegalArgumentException("attribute '" + attribute + "' is set by the runtime, not from claims");
        }
        Map<String, String> next = new LinkedHashMap<>(attributeClaims);
        next.put(Objects.requireNonNull(attribute), Objects.requireNonNull(path));
        return new ClaimMapping(subjectClaim, rolesClaim, tenantClaim, next);
    }
}
