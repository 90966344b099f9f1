package dev.warden.quarkus.delegation;

import dev.warden.core.Governor;
import dev.warden.core.agent.GovernedAgent;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.remote.DelegationReceiver;
import dev.warden.delegation.remote.RefusalWindow;
import dev.warden.delegation.token.ContextTokenVerifier;
import dev.warden.delegation.token.ReplayStore;
import dev.warden.delegation.token.TrustedKeys;
import dev.warden.quarkus.runtime.AgentRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DelegationReceiver} serving this service's agents to callers in other services. Built on first use (the
 * agents exist only once the registry has started) and rebuilt when the trusted keys change. The replay store is the
 * configured {@link ReplayStore} bean (file, PostgreSQL or memory), so a token id stays single-use across key
 * rotations, replicas and restarts. Accepted issuers: this service's own and {@code warden.delegation.trusted-issuers}.
 * Refusals of unverified callers are aggregated by a {@link RefusalWindow}
 * ({@code warden.delegation.unverified-refusal-window}), whose closed windows are written to the audit trail by a
 * background timer and at shutdown. Thread-safe.
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
    private final RefusalWindow unverified;
    private final ScheduledExecutorService flusher;
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
        this.unverified = new RefusalWindow(clock, config.unverifiedRefusalWindow(), 10_000,
                s -> DelegationReceiver.recordSummary(governor, s));
        long every = Math.max(1_000, config.unverifiedRefusalWindow().toMillis() / 2);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-delegation-refusal-window");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** The window of unverified refusals (summaries are written when it closes). */
    public RefusalWindow unverifiedRefusals() {
        return unverified;
    }

    private void flushExpired() {
        try {
            unverified.flushExpired();
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(InboundDelegations.class).warn("writing aggregated delegation "
                    + "refusals to the audit trail failed", e);
        }
    }

    @PreDestroy
    void close() {
        flusher.shutdownNow();
        unverified.flushAll();
    }

    /** The receiver for the current trusted keys. Blocks while a peer's JWKS is fetched. */
    public synchronized DelegationReceiver receiver() {
        TrustedKeys trusted = keys.trusted();
        if (receiver == null || trusted != builtWith) {
            Map<String, GovernedAgent> agents = new LinkedHashMap<>();
            registry.all().forEach(a -> agents.put(a.id(), a.agent()));
            ContextTokenVerifier verifier = new ContextTokenVerifier(trusted, issuers, clock, replay, config.maxDepth(),
                    Duration.ofSeconds(5), Duration.ofMinutes(5));
            receiver = new DelegationReceiver(agents, directory, governor, verifier, config.timeout(), unverified);
            builtWith = trusted;
        }
        return receiver;
    }
}
