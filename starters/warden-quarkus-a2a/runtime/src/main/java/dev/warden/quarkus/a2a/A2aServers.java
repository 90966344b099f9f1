package dev.warden.quarkus.a2a;

import dev.warden.a2a.server.WardenA2aServer;
import dev.warden.core.Governor;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.quarkus.delegation.DelegationConfig;
import dev.warden.quarkus.delegation.DelegationKeys;
import dev.warden.quarkus.runtime.AgentRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link WardenA2aServer} per agent named in {@code warden.a2a.serve}, built on first use from the agent registry,
 * the service's directory (trust edges of Warden callers), its governor and the delegation starter's trusted keys and
 * replay store (a context token is single-use across both transports).
 */
@Singleton
public class A2aServers {
    private final A2aConfig config;
    private final AgentRegistry registry;
    private final AgentDirectory directory;
    private final Governor governor;
    private final DelegationKeys keys;
    private final DelegationConfig delegation;
    private final ReplayStore replay;
    private final Clock clock;
    private final Set<String> served;
    private final Map<String, WardenA2aServer> servers = new ConcurrentHashMap<>();

    A2aServers(A2aConfig config, AgentRegistry registry, AgentDirectory directory, Governor governor,
            DelegationKeys keys, DelegationConfig delegation, ReplayStore replay, Clock clock) {
        this.config = config;
        this.registry = registry;
        this.directory = directory;
        this.governor = governor;
        this.keys = keys;
        this.delegation = delegation;
        this.replay = replay;
        this.clock = clock;
        this.served = Set.copyOf(config.serve().orElse(List.of()));
    }

    /** The server of {@code agentId}, if it is served over A2A here. */
    public Optional<WardenA2aServer> find(String agentId) {
        if (agentId == null || !served.contains(agentId)) {
            return Optional.empty();
        }
        return registry.find(agentId).map(a -> servers.computeIfAbsent(agentId, id -> build(a)));
    }

    private WardenA2aServer build(AgentRegistry.RegisteredAgent a) {
        AgentCard inventory = directory.find(a.id()).orElseGet(() -> AgentCard.of(a.agent(), a.description(), null,
                a.policies(), List.of()));
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0,
                config.publicUrl().length() - 1) : config.publicUrl();
        WardenA2aServer.Builder b = WardenA2aServer.builder().agent(a.agent(), inventory)
                .url(base + A2aResource.PATH + "/" + a.id()).governor(governor).directory(directory)
                .runTimeout(config.runTimeout())
                .maxRunningTasks(config.maxTasksPerCaller(), config.maxTasks())
                .taskRetention(config.taskRetention(), config.maxRetainedTasks(),
                        Math.min(config.maxRetainedTasks(), config.maxRetainedTasksPerCaller())).clock(clock);
        if (config.contextTokens()) {
            Set<String> issuers = new LinkedHashSet<>(delegation.trustedIssuers().orElse(Set.of()));
            issuers.add(delegation.issuer());
            b.contextTokens(new ContextTokenVerifier(keys.trusted(), issuers, clock, replay, delegation.maxDepth(),
                    Duration.ofSeconds(5), Duration.ofMinutes(5)));
        }
        return b.build();
    }

    @PreDestroy
    void close() {
        servers.values().forEach(WardenA2aServer::close);
    }
}
