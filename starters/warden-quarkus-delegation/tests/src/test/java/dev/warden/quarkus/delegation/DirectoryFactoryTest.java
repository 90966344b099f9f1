package dev.warden.quarkus.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.delegation.AgentDirectory;
import dev.warden.quarkus.runtime.ToolCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Directory building from configuration alone (no local agents): remote cards, edges, startup failures. */
class DirectoryFactoryTest {
    private static final ToolCatalog NO_TOOLS = new ToolCatalog(Map.of());

    record Edges(List<String> to, Optional<Set<String>> scopes, Optional<Set<String>> purposes)
            implements DelegationConfig.Edges {}

    record Remote(Optional<URI> url, Optional<String> description) implements DelegationConfig.RemoteAgent {}

    static DelegationConfig config(Map<String, DelegationConfig.Edges> edges,
            Map<String, DelegationConfig.RemoteAgent> remote) {
        return new DelegationConfig() {
            public String issuer() { return "svc"; }
            public SigningKeyConfig signingKey() { return null; }
            public TrustedKeysConfig trustedKeys() { return null; }
            public Optional<Set<String>> trustedIssuers() { return Optional.empty(); }
            public Replay replay() { return null; }
            public Map<String, Edges> edges() { return edges; }
            public Map<String, RemoteAgent> remote() { return remote; }
            public int maxDepth() { return 3; }
            public int maxFanOut() { return 8; }
            public Duration timeout() { return Duration.ofSeconds(5); }
            public Duration tokenTtl() { return Duration.ofSeconds(60); }
            public boolean sendRootRequest() { return true; }
            public Duration unverifiedRefusalWindow() { return Duration.ofSeconds(60); }
        };
    }

    @Test
    void remote_agents_with_and_without_url_and_their_edges() {
        AgentDirectory dir = DirectoryFactory.build(List.of(), NO_TOOLS, config(
                Map.of("gateway", new Edges(List.of("analyst"), Optional.of(Set.of("files:read")), Optional.empty())),
                Map.of("gateway", new Remote(Optional.empty(), Optional.empty()),
                        "analyst", new Remote(Optional.of(URI.create("http://analyst:8080")), Optional.of("reads")))));

        assertThat(dir.find("analyst").orElseThrow().isRemote()).isTrue();
        assertThat(dir.find("gateway").orElseThrow().isRemote()).as("caller only: no endpoint").isFalse();
        assertThat(dir.edge("gateway", "analyst").orElseThrow().scopes()).containsExactly("files:read");
    }

    @Test
    void an_edge_to_an_unknown_agent_stops_startup_with_a_code() {
        assertThatThrownBy(() -> DirectoryFactory.build(List.of(), NO_TOOLS, config(
                Map.of("gateway", new Edges(List.of("ghost"), Optional.empty(), Optional.empty())),
                Map.of("gateway", new Remote(Optional.empty(), Optional.empty())))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DelegationStartupCodes.UNKNOWN_EDGE_AGENT)
                .hasMessageContaining("warden.delegation.edges.gateway.to: no local or remote agent 'ghost'");
    }

    @Test
    void an_edge_from_an_unknown_agent_stops_startup() {
        assertThatThrownBy(() -> DirectoryFactory.build(List.of(), NO_TOOLS, config(
                Map.of("nobody", new Edges(List.of("nobody"), Optional.empty(), Optional.empty())), Map.of())))
                .hasMessageContaining("warden.delegation.edges.nobody: no local or remote agent 'nobody'");
    }
}
