package dev.warden.delegation;

import dev.warden.core.Hop;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scope arithmetic along a delegation chain. A hop with empty scopes does not narrow (as the identity plane reads
 * it), so "unrestricted" is {@link Optional#empty()} here and never confused with "no rights".
 *
 * <pre>{@code
 * Optional<Set<String>> held = ScopeAttenuation.held(ctx.chain());          // intersection of narrowing hops
 * Optional<Set<String>> granted = ScopeAttenuation.narrow(held, Set.of("crm:read"));
 * }</pre>
 */
public final class ScopeAttenuation {
    private ScopeAttenuation() {}

    /** The scopes a chain leaves its last callee: the intersection of every narrowing hop; empty = unrestricted. */
    public static Optional<Set<String>> held(List<Hop> chain) {
        Optional<Set<String>> held = Optional.empty();
        for (Hop hop : chain) {
            held = narrow(held, hop.scopes());
        }
        return held;
    }

    /** {@code held ∩ wanted}, where an empty {@code wanted} set narrows nothing. */
    public static Optional<Set<String>> narrow(Optional<Set<String>> held, Set<String> wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return held;
        }
        if (held.isEmpty()) {
            return Optional.of(Set.copyOf(new TreeSet<>(wanted)));
        }
        TreeSet<String> both = new TreeSet<>(held.get());
        both.retainAll(wanted);
        return Optional.of(Set.copyOf(both));
    }

    /**
     * The first hop (index) that holds a scope the hop before it did not grant, or -1. A non-narrowing hop after a
     * narrowing one is a widening as well.
     */
    public static int firstWidening(List<Hop> chain) {
        Optional<Set<String>> held = Optional.empty();
        for (int i = 0; i < chain.size(); i++) {
            Set<String> s = chain.get(i).scopes();
            if (held.isPresent() && (s.isEmpty() || !held.get().containsAll(s))) {
                return i;
            }
            held = narrow(held, s);
        }
        return -1;
    }
}
