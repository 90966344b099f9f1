package dev.warden.quarkus.a2a;

import dev.warden.a2a.remote.A2aDelegateEndpoint;
import dev.warden.a2a.remote.A2aRemoteAgent;
import dev.warden.a2a.remote.ConfiguredCardPins;
import dev.warden.a2a.remote.CardPins;
import dev.warden.a2a.remote.FileCardPins;
import dev.warden.a2a.remote.RemoteCards;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.quarkus.delegation.DelegationConfig;
import dev.warden.quarkus.delegation.DelegationKeys;
import dev.warden.quarkus.delegation.RemoteEndpointFactory;

import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The remote agents configured under {@code warden.a2a.remote}: claimed from the delegation starter's directory
 * ({@link RemoteEndpointFactory}) and reached through an {@link A2aDelegateEndpoint}, their cards held to pins.
 */
@Singleton
public class A2aRemotes implements RemoteEndpointFactory {
    private final A2aConfig config;
    private final RemoteCards cards;
    private final ContextTokenIssuer issuer;
    private final ThreadPoolExecutor executor;
    private final Map<String, A2aRemoteAgent> remotes = new ConcurrentHashMap<>();

    A2aRemotes(A2aConfig config, DelegationConfig delegation, DelegationKeys keys, Clock clock) {
        this.config = config;
        // bounded: delegate-threads calls in flight, delegate-queue waiting, beyond that refused (WARDEN-A2A-0699)
        this.executor = new ThreadPoolExecutor(config.delegateThreads(), config.delegateThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.delegateQueue())), r -> {
                    Thread t = new Thread(r, "warden-a2a-delegate");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        CardPins store = config.pinsFile().<CardPins>map(FileCardPins::open).orElseGet(CardPins::inMemory);
        Map<String, String> configured = new java.util.TreeMap<>();
        config.remote().forEach((id, r) -> r.cardSha256().ifPresent(sha -> configured.put(id, sha)));
        // configured pins sit in front of the stored ones and are never written over them (or they over it)
        CardPins pins = new ConfiguredCardPins(configured, store, clock.instant());
        this.cards = new RemoteCards(pins, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), clock, Duration.ofSeconds(10));
        this.issuer = new ContextTokenIssuer(keys.signingKey(), delegation.issuer(), clock, delegation.tokenTtl());
    }

    @Override
    public Optional<AgentEndpoint> endpointFor(AgentCard card) {
        A2aConfig.Remote r = config.remote().get(card.id());
        if (r == null || card.endpoint() == null) {
            return Optional.empty();
        }
        A2aRemoteAgent.Trust trust = switch (r.trust().toLowerCase(Locale.ROOT)) {
            case "external" -> A2aRemoteAgent.Trust.EXTERNAL;
            case "peer" -> A2aRemoteAgent.Trust.PEER;
            default -> throw new IllegalStateException("warden.a2a.remote." + card.id() + ".trust must be "
                    + "external or peer, not '" + r.trust() + "'");
        };
        A2aRemoteAgent remote = new A2aRemoteAgent(card.id(), card.endpoint(), trust, null,
                r.bearerToken().map(t -> (java.util.function.Supplier<String>) () -> t).orElse(null));
        remotes.put(card.id(), remote);
        return Optional.of(new A2aDelegateEndpoint(remote, cards, issuer, executor));
    }

    /** The remote A2A agent {@code id}, if configured and in the directory. */
    public Optional<A2aRemoteAgent> find(String id) {
        return Optional.ofNullable(remotes.get(id));
    }

    public RemoteCards cards() {
        return cards;
    }

    @jakarta.annotation.PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
