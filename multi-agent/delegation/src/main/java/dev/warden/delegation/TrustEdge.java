package dev.warden.delegation;

import java.util.Objects;
import java.util.Set;

/**
 * A declared trust edge: agent {@code from} may hand tasks to agent {@code to}.
 *
 * @param from the delegating agent id
 * @param to the callee agent id
 * @param scopes the most the edge grants the callee; empty means "no narrowing beyond what the caller holds"
 * @param purposes task purposes the edge is trusted for; empty means any purpose
 */
public record TrustEdge(String from, String to, Set<String> scopes, Set<String> purposes) {
    public TrustEdge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
    }

    public static TrustEdge of(String from, String to, String... scopes) {
        return new TrustEdge(from, to, Set.of(scopes), Set.of());
    }

    /** Whether the edge is trusted for a task with this purpose ({@code null} purpose only for unrestricted edges). */
    public boolean admits(String purpose) {
        return purposes.isEmpty() || (purpose != null && purposes.contains(purpose));
    }
}
