package dev.warden.delegation.token;

import dev.warden.core.AgentIdentity;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Hop;
import dev.warden.core.Labels;
import dev.warden.core.Principal;
import dev.warden.core.TaskContext;
import dev.warden.core.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The claims of a Warden context token. JSON names: {@code iss}, {@code sub} (user), {@code tenant}, {@code roles},
 * {@code user_attrs}, {@code aud} (callee agent), {@code iat}, {@code exp}, {@code jti}, {@code labels}
 * ({@code level}, {@code categories}, {@code integrity}), {@code purpose}, {@code conv}, and {@code act}: the actor
 * chain nested as in RFC 8693, the most recent actor outermost, each with {@code sub}, {@code scopes} and
 * {@code labels}.
 *
 * @param chain actors oldest first, as in {@link GovernanceContext#chain()}
 */
public record ContextClaims(String issuer, String subject, String tenant, Set<String> roles,
        Map<String, String> userAttributes, String audience, Instant issuedAt, Instant expiresAt, String jti,
        Labels labels, List<ActorHop> chain, String purpose, String conversationId) {

    public ContextClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        userAttributes = userAttributes == null ? Map.of() : Map.copyOf(userAttributes);
        labels = labels == null ? Labels.PUBLIC : labels;
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /**
     * Claims for a callee context built by the {@link dev.warden.delegation.Delegator}: the last hop (the caller) is
     * recorded with the labels the callee starts at.
     */
    public static ContextClaims forCallee(GovernanceContext callee, String issuer, Instant now, Instant expiresAt,
            String jti) {
        List<ActorHop> hops = new ArrayList<>();
        List<Hop> chain = callee.chain();
        for (int i = 0; i < chain.size(); i++) {
            Hop h = chain.get(i);
            hops.add(new ActorHop(h.agentId(), h.scopes(), i == chain.size() - 1 ? callee.labels() : null));
        }
        Principal u = callee.user();
        return new ContextClaims(issuer, u.id(), u.tenant(), u.roles(), u.attributes(), callee.agent().id(), now,
                expiresAt, jti, callee.labels(), hops, callee.task().purpose(), callee.task().conversationId());
    }

    /** The callee's governance context: same principal, the chain, the labels; a fresh run. */
    public GovernanceContext toContext(AgentIdentity callee) {
        List<Hop> hops = chain.stream().map(ActorHop::toHop).toList();
        return new GovernanceContext(new Principal(subject, tenant, roles, userAttributes), callee,
                new TaskContext(null, conversationId, purpose), hops, labels, Usage.ZERO);
    }

    public List<Hop> hops() {
        return chain.stream().map(ActorHop::toHop).toList();
    }

    public ContextClaims withChain(List<ActorHop> value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                labels, value, purpose, conversationId);
    }

    public ContextClaims withLabels(Labels value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                value, chain, purpose, conversationId);
    }

    public ContextClaims withAudience(String value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, value, issuedAt, expiresAt, jti,
                labels, chain, purpose, conversationId);
    }
}
