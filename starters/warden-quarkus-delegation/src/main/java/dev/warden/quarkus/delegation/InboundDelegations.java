package dev.warden.quarkus.delegation;

import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.remote.DelegationReceiver;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.quarkus.runtime.AgentRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@link DelegationReceiver} serving this service's agents to callers in other services. Built on first use (the
 * agents exist only once the registry has started) and rebuilt when the trusted keys change. The replay store is the
 * configured {@link ReplayStore} bean (file, PostgreSQL or memory), so a token id stays single-use across key
 * rotations, replicas and restarts. Accepted issuers: this service's own and {@code warden.delegation.trusted-issuers}.
 * Thread-safe.
 */
@Singleton
public class InboundDelegations {
    private final AgentRegistry registry;
    private final AgentDirectory directory;
    private final Governor governor;
    private final DelegationKeys keys;
    private final DelegationConfig config;
    private final Clock clock;
    private final ReplayStore replay;
    private final Set<String> issuers;
    private TrustedKeys builtWith;
    private DelegationReceiver receiver;

    InboundDelegations(AgentRegistry registry, AgentDirectory directory, Governor governor, DelegationKeys keys,
            DelegationConfig config, Clock clock, ReplayStore replay) {
        this.registry = registry;
        this.directory = directory;
        this.governor = governor;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.replay = replay;
        Set<String> accepted = new LinkedHashSet<>(config.trustedIssuers().orElse(Set.of()));
        accepted.add(config.issuer());
        this.issuers = Set.copyOf(accepted);
    }

    /** The receiver for the current trusted keys. Blocks while a peer's JWKS is fetched. */
    public synchronized DelegationReceiver receiver() {
        TrustedKeys trusted = keys.trusted();
        if (receiver == null || trusted != builtWith) {
            Map<String, GovernedAgent> agents = new LinkedHashMap<>();
            registry.all().forEach(a -> agents.put(a.id(), a.agent()));
            ContextTokenVerifier verifier = new ContextTokenVerifier(trusted, issuers, clock, replay, config.maxDepth(),
                    Duration.ofSeconds(5), Duration.ofMinutes(5));
            receiver = new DelegationReceiver(agents, directory, governor, verifier, config.timeout());
            builtWith = trusted;
        }
        return receiver;
    }
}
