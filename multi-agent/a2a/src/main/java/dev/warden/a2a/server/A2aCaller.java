package dev.warden.a2a.server;

import dev.warden.core.Principal;
import io.a2a.server.auth.User;
import java.util.Objects;

/**
 * The caller of an A2A request as its authentication proves it: the principal the bearer token names, nothing more.
 * Carried to the task executor in the SDK's {@code ServerCallContext}.
 */
public record A2aCaller(Principal principal) implements User {
    public A2aCaller {
        Objects.requireNonNull(principal, "principal");
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public String getUsername() {
        return principal.id();
    }
}
