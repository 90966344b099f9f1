package dev.warden.a2a.server;

import dev.warden.core.Principal;
import java.util.Optional;

/**
 * Verifies the bearer token of an A2A request (the card's {@code bearer} security scheme) and says who it proves the
 * caller is. In Quarkus this is the application's SmallRye JWT / OIDC verification; elsewhere any JWT library.
 *
 * <p>Contract: returns empty for a missing, malformed, expired or untrusted token — never a principal it could not
 * prove. Must not throw; a throw is treated as empty (fail closed). Thread-safe.
 */
@FunctionalInterface
public interface BearerAuthenticator {
    /** @param token the token after {@code "Bearer "}, never {@code null} */
    Optional<Principal> authenticate(String token);
}
