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
 * {@code labels}; {@code task_digest}: the {@link TaskBinding} digest of the one task the token may deliver.
 *
 * @param chain actors oldest first, as in {@link GovernanceContext#chain()}
 * @param taskDigest {@link TaskBinding#digest} of the task this token was issued for; a receiver refuses a token
 *     without one, or delivered with another task
 */
public record ContextClaims(String issuer, String subject, String tenant, Set<String> roles,
        Map<String, String> userAttributes, String audience, Instant issuedAt, Instant expiresAt, String jti,
        Labels labels, List<ActorHop> chain, String purpose, String conversationId, String taskDigest) {

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
     * recorded with the labels the callee starts at, and the token is bound to {@code task}.
     */
    public static ContextClaims forCallee(GovernanceContext callee, String task, String issuer, Instant now,
            Instant expiresAt, String jti) {
        List<ActorHop> hops = new ArrayList<>();
        List<Hop> chain = callee.chain();
        for (int i = 0; i < chain.size(); i++) {
            Hop h = chain.get(i);
            hops.add(new ActorHop(h.agentId(), h.scopes(), i == chain.size() - 1 ? callee.labels() : null));
        }
        Principal u = callee.user();
        return new ContextClaims(issuer, u.id(), u.tenant(), u.roles(), u.attributes(), callee.agent().id(), now,
                expiresAt, jti, callee.labels(), hops, callee.task().purpose(), callee.task().conversationId(),
                TaskBinding.digest(callee.agent().id(), task, rootRequest(callee)));
    }

    /**
     * The root request a delegation of {@code callee} carries (decision 0073): its text when the callee's principal
     * typed it, otherwise {@code null} (none is sent).
     */
    public static String rootRequest(GovernanceContext callee) {
        return dev.warden.core.RootRequest.textFor(callee);
    }

    /**
     * The callee's context with the root request that came with the delegation, bound to this token's task digest:
     * the principal's own words ({@code null}: none, so nothing in the callee counts as the user's).
     */
    public GovernanceContext toContext(AgentIdentity callee, String rootRequest) {
        GovernanceContext c = toContext(callee);
        return rootRequest == null ? c : c.withTask(c.task().withRequest(new dev.warden.core.RootRequest(subject,
                tenant, rootRequest)));
    }

    /**
     * The callee's governance context: same principal, the chain, the labels; a fresh run. The principal is never an
     * attended requester here: a remote callee cannot ask the human through its caller's run, so it may not
     * declassify (decision 0039), whatever the token says.
     */
    public GovernanceContext toContext(AgentIdentity callee) {
        List<Hop> hops = chain.stream().map(ActorHop::toHop).toList();
        return new GovernanceContext(dev.warden.core.Declassification.unattended(new Principal(subject, tenant, roles,
                userAttributes)), callee,
                new TaskContext(null, conversationId, purpose), hops, labels, Usage.ZERO);
    }

    /**
     * The sender's governance context as the callee's service sees it: the same principal and labels, the chain's last
     * actor as the agent and the hops before it as its chain. Inbound {@code DELEGATION} is evaluated in this context,
     * and the trust edge checked is {@code agent().id()} → callee, on every transport alike (Warden's HTTP contract,
     * A2A).
     */
    public GovernanceContext callerContext(AgentIdentity callee) {
        GovernanceContext c = toContext(callee);
        List<Hop> hops = c.chain();
        return new GovernanceContext(c.user(), AgentIdentity.of(hops.get(hops.size() - 1).agentId()),
                new TaskContext(null, conversationId, purpose), hops.subList(0, hops.size() - 1), c.labels(), null);
    }

    public List<Hop> hops() {
        return chain.stream().map(ActorHop::toHop).toList();
    }

    public ContextClaims withChain(List<ActorHop> value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                labels, value, purpose, conversationId, taskDigest);
    }

    public ContextClaims withLabels(Labels value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                value, chain, purpose, conversationId, taskDigest);
    }

    public ContextClaims withAudience(String value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, value, issuedAt, expiresAt, jti,
                labels, chain, purpose, conversationId, taskDigest);
    }

    public ContextClaims withJti(String value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, value,
                labels, chain, purpose, conversationId, taskDigest);
    }

    public ContextClaims withTaskDigest(String value) {
        return new ContextClaims(issuer, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                labels, chain, purpose, conversationId, value);
    }

    public ContextClaims withIssuer(String value) {
        return new ContextClaims(value, subject, tenant, roles, userAttributes, audience, issuedAt, expiresAt, jti,
                labels, chain, purpose, conversationId, taskDigest);
    }
}
