package dev.warden.policy;

import dev.warden.core.Hop;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The effective rights of a delegated call: the intersection of the scopes granted along the delegation chain.
 * A hop with no scopes does not narrow. Privileges only ever narrow along a chain, never widen.
 *
 * <pre>{@code
 * // user → planner {crm:read, email:draft} → writer {email:draft, email:send}
 * EffectiveScopes.of(chain); // Optional[{email:draft}]
 * }</pre>
 */
public final class EffectiveScopes {
    private EffectiveScopes() {}

    /** The intersection, or empty when no hop narrows (no delegation, or only unscoped hops). */
    public static Optional<Set<String>> of(List<Hop> chain) {
        Set<String> effective = null;
        for (Hop hop : chain) {
            if (hop.scopes().isEmpty()) {
                continue;
            }
            if (effective == null) {
                effective = new LinkedHashSet<>(hop.scopes());
            } else {
                effective.retainAll(hop.scopes());
            }
        }
        return effective == null ? Optional.empty() : Optional.of(Set.copyOf(effective));
    }

    /** Whether the chain permits {@code scope}: true when no hop narrows, else when every narrowing hop grants it. */
    public static boolean permits(List<Hop> chain, String scope) {
        return of(chain).map(s -> s.contains(scope)).orElse(true);
    }
}
