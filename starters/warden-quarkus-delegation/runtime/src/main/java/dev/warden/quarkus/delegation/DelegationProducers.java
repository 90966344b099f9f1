package dev.warden.quarkus.delegation;

import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.DelegateTool;
import dev.warden.delegation.DelegationLimits;
import dev.warden.delegation.Delegator;
import dev.warden.delegation.TrustEdge;
import dev.warden.delegation.remote.RemoteAgentClient;
import dev.warden.delegation.token.ContextTokenIssuer;
import dev.warden.quarkus.runtime.AgentClasses;
import dev.warden.quarkus.runtime.AgentRegistry;
import dev.warden.quarkus.runtime.ToolCatalog;
import dev.warden.spi.DecisionObserver;
import dev.warden.spi.PolicyPlane;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delegation singletons as beans: the {@link AgentDirectory}, the {@link Delegator} (local callees in process,
 * remote ones through {@link RemoteAgentClient}, or a {@link RemoteEndpointFactory} that claims them), the shared {@link DelegateTool} and — so the service's one
 * {@code Governor} is wired as {@link DelegateTool#wire} requires — its context observer and result-labels plane.
 */
public class DelegationProducers {

    @Produces
    @Singleton
    AgentDirectory directory(AgentClasses classes, ToolCatalog catalog, DelegationConfig config) {
        return DirectoryFactory.build(classes.names(), catalog, config);
    }

    @Produces
    @Singleton
    Delegator delegator(AgentDirectory directory, AgentClasses classes, DelegationConfig config, DelegationKeys keys, Clock clock,
            Instance<AgentRegistry> registry, Instance<OpenTelemetry> openTelemetry,
            Instance<RemoteEndpointFactory> transports) {
        ContextTokenIssuer issuer = new ContextTokenIssuer(keys.signingKey(), config.issuer(), clock,
                config.tokenTtl());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        OpenTelemetry otel = openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop();
        Map<String, AgentEndpoint> endpoints = new LinkedHashMap<>();
        for (AgentCard card : directory.all()) {
            if (card.isRemote()) {
                Optional<AgentEndpoint> other = transports.stream().map(t -> t.endpointFor(card))
                        .flatMap(Optional::stream).findFirst();
                endpoints.put(card.id(), other.orElseGet(() -> new RemoteAgentClient(card.endpoint(), issuer, http,
                        otel.getTracer("dev.warden.delegation"), config.timeout())));
            } else if (DirectoryFactory.localIds(classes.names()).contains(card.id())) {
                endpoints.put(card.id(), new RegistryAgentEndpoint(card.id(), registry));
            }
        }
        return new Delegator(directory, endpoints, new DelegationLimits(config.maxDepth(), config.maxFanOut(),
                config.timeout()), config.sendRootRequest());
    }

    /** The one {@code delegate} tool of this service; empty when no trust edge is configured. */
    @Produces
    @Singleton
    DelegateTools delegateTools(Delegator delegator) {
        Set<String> targets = new LinkedHashSet<>();
        delegator.directory().all().forEach(c -> c.trustEdges().stream().map(TrustEdge::to).forEach(targets::add));
        return new DelegateTools(targets.isEmpty() ? Optional.empty()
                : Optional.of(new DelegateTool(delegator, List.copyOf(targets))));
    }

    @Produces
    @Singleton
    PolicyPlane delegateResultLabels(DelegateTools tools) {
        return tools.tool().map(DelegateTool::resultLabelsPlane).orElse(INERT);
    }

    @Produces
    @Singleton
    DecisionObserver delegateContextObserver(DelegateTools tools) {
        return tools.tool().map(DelegateTool::contextObserver).orElse((request, context, verdict, record) -> {});
    }

    /** The delegate tool, if this service has trust edges. */
    public record DelegateTools(Optional<DelegateTool> tool) {}

    /** Stands in for the result-labels plane when there is no delegate tool: it listens to no checkpoint. */
    private static final PolicyPlane INERT = new PolicyPlane() {
        @Override
        public String name() {
            return "delegation-result-labels";
        }

        @Override
        public Set<Checkpoint> checkpoints() {
            return Set.of();
        }

        @Override
        public Decision evaluate(CheckpointRequest request, GovernanceContext context) {
            return Decision.allow(name());
        }
    };
}
