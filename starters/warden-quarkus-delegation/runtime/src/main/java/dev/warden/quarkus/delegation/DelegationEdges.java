package dev.warden.quarkus.delegation;

import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentEndpoint;
import dev.warden.delegation.Delegator;
import dev.warden.delegation.TrustEdge;
import dev.warden.quarkus.EdgeInventory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust edges of this service's directory ({@code warden.delegation.edges}) for the agent inventory, each with
 * the transport its callee is reached by: {@code local}, {@code warden-http}, or the transport that claimed the remote
 * agent (e.g. {@code a2a}). An edge from an agent of another service into one of ours (what this service accepts on
 * {@code POST /v1/delegations}) is listed as {@value #INBOUND}.
 */
@Singleton
public class DelegationEdges implements EdgeInventory {
    /** Kind of an edge whose caller is an agent of another service. */
    public static final String INBOUND = "inbound";
    private final Delegator delegator;

    DelegationEdges(Delegator delegator) {
        this.delegator = delegator;
    }

    @Override
    public List<DeclaredEdge> edges() {
        List<DeclaredEdge> out = new ArrayList<>();
        for (AgentCard card : delegator.directory().all()) {
            for (TrustEdge e : card.trustEdges()) {
                String kind = card.isRemote() ? INBOUND
                        : delegator.endpoint(e.to()).map(AgentEndpoint::transport).orElse("unreachable");
                out.add(new DeclaredEdge(e.from(), e.to(), kind, e.scopes(), e.purposes()));
            }
        }
        return List.copyOf(out);
    }
}
