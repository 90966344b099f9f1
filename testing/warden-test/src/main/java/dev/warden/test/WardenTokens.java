package dev.warden.test;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signed bearer tokens for a test principal, minted in the test itself (no HTTP round trip to the dev-token endpoint,
 * which need not be enabled). Call it inside a {@code @QuarkusTest}: the token is signed with the application's
 * {@code smallrye.jwt.sign.key.location} and carries its {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}
 * and tenant claim ({@code warden.identity.tenant-claim}), so the application verifies it like a real one.
 *
 * <pre>{@code
 * String alice = WardenTokens.user("alice").roles("customer").mint();
 * String bob = WardenTokens.devUser("bob"); // roles and tenant from warden.dev-tokens.users.bob.*
 * given().auth().oauth2(alice).body(...).post("/v1/agents/banking-assistant/runs");
 * }</pre>
 */
public final class WardenTokens {
    private WardenTokens() {}

    /** A token for {@code name}; set roles and tenant on the returned builder, then {@link Builder#mint()}. */
    public static Builder user(String name) {
        return new Builder(name);
    }

    /** A token for a demo user declared in {@code warden.dev-tokens.users.<name>.*} (roles, tenant). */
    public static String devUser(String name) {
        Config config = ConfigProvider.getConfig();
        String prefix = "warden.dev-tokens.users." + name + ".";
        Optional<String[]> roles = config.getOptionalValue(prefix + "roles", String[].class);
        return user(name).roles(roles.orElse(new String[0]))
                .tenant(config.getOptionalValue(prefix + "tenant", String.class).orElse("default")).mint();
    }

    /** What the minted token says. */
    public static final class Builder {
        private final String name;
        private final Set<String> roles = new LinkedHashSet<>();
        private String tenant = "default";
        private Duration lifetime = Duration.ofMinutes(10);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Roles, carried as the {@code groups} claim. */
        public Builder roles(String... values) {
            roles.addAll(Arrays.asList(values));
            return this;
        }

        /** The tenant (default {@code default}). */
        public Builder tenant(String value) {
            tenant = Objects.requireNonNull(value, "tenant");
            return this;
        }

        /** How long the token is valid (default 10 minutes); a negative value mints an expired token. */
        public Builder lifetime(Duration value) {
            lifetime = Objects.requireNonNull(value, "lifetime");
            return this;
        }

        /** The compact, signed JWT. */
        public String mint() {
            Config config = ConfigProvider.getConfig();
            Instant now = Instant.now();
            JwtClaimsBuilder claims = Jwt.issuer(config.getOptionalValue("mp.jwt.verify.issuer", String.class)
                            .orElse("https://warden.dev/dev"))
                    .subject(name).upn(name).groups(new HashSet<>(roles))
                    .claim(config.getOptionalValue("warden.identity.tenant-claim", String.class).orElse("tenant"),
                            tenant)
                    .issuedAt(lifetime.isNegative() ? now.plus(lifetime).minusSeconds(60) : now)
                    .expiresAt(now.plus(lifetime));
            config.getOptionalValues("mp.jwt.verify.audiences", String.class).filter(a -> !a.isEmpty())
                    .ifPresent(a -> claims.audience(new HashSet<>(List.copyOf(a))));
            return claims.sign();
        }
    }
}
