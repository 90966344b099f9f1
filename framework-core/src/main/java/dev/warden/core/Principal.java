package dev.warden.core;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The human (or service) on whose behalf an agent acts. Comes from an authenticated source (JWT/OIDC, a verified
 * delegation token); never from model output.
 *
 * @param id stable subject identifier
 * @param tenant tenant the subject belongs to; audit chains are kept per tenant
 * @param roles roles granted to the subject
 * @param attributes further claims a policy may condition on (department, clearance, region…)
 */
public record Principal(String id, String tenant, Set<String> roles, Map<String, String> attributes) {

    public static final String DEFAULT_TENANT = "default";

    public Principal {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("principal id must not be blank");
        }
        tenant = tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant;
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Principal of(String id, String... roles) {
        return new Principal(id, DEFAULT_TENANT, Set.of(roles), Map.of());
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
