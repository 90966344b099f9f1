package dev.warden.quarkus;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Delegation edges a service declares — which of its agents may hand work to which other agent, over which transport,
 * with which trust. An extension that lets agents call other agents (the delegation starter for in-process,
 * Warden-to-Warden HTTP and A2A delegates) provides a bean of this type; the agent inventory asks every such bean at
 * start and after each accepted policy reload, lists the edges, and treats a delegation along no declared edge as
 * undeclared activity.
 *
 * <p>Called off the checkpoint path (registration); implementations answer from configuration, without I/O.
 *
 * <pre>{@code
 * @Singleton
 * class MyEdges implements EdgeInventory {
 *     public List<DeclaredEdge> edges() {
 *         return List.of(new DeclaredEdge("planner", "helper", DeclaredEdge.LOCAL, Set.of("crm:read"), Set.of()));
 *     }
 * }
 * }</pre>
 */
public interface EdgeInventory {
    /** The edges declared now. */
    List<DeclaredEdge> edges();

    /**
     * One declared edge {@code fromAgent → toAgent}.
     *
     * @param kind how the callee is reached: {@value #LOCAL} (same process), {@value #WARDEN_HTTP} (another Warden
     *     service's {@code POST /v1/delegations}), {@code a2a}, {@value #MCP} (an MCP server whose tools the agent
     *     holds), or another transport's name
     * @param scopes the most the edge grants the callee (empty: no narrowing beyond what the caller holds)
     * @param purposes task purposes the edge is trusted for (empty: any)
     */
    record DeclaredEdge(String fromAgent, String toAgent, String kind, Set<String> scopes, Set<String> purposes) {
        public static final String LOCAL = "local";
        public static final String WARDEN_HTTP = "warden-http";
        public static final String MCP = "mcp";

        public DeclaredEdge {
            Objects.requireNonNull(fromAgent, "fromAgent");
            Objects.requireNonNull(toAgent, "toAgent");
            Objects.requireNonNull(kind, "kind");
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
            purposes = purposes == null ? Set.of() : Set.copyOf(purposes);
        }
    }
}
