package dev.warden.a2a.server;

import dev.warden.a2a.A2aCodes;
import dev.warden.core.AgentIdentity;
import dev.warden.core.Checkpoint;
import dev.warden.core.CheckpointRequest;
import dev.warden.core.GovernanceContext;
import dev.warden.core.Governor;
import dev.warden.core.Outcome;
import dev.warden.core.Principal;
import dev.warden.core.Verdict;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.DelegationCodes;
import dev.warden.delegation.token.ContextClaims;
import dev.warden.delegation.token.ContextTokenException;
import dev.warden.delegation.token.ContextTokenVerifier;
import java.util.Map;

/**
 * Decides whose context an inbound A2A task runs in.
 *
 * <ul>
 *   <li>No Warden context token: the principal the A2A authentication proved, a fresh chain, no labels beyond the
 *       agent's defaults. Nothing in the message (metadata included) can claim another user, role or label.</li>
 *   <li>A context token (extension {@link dev.warden.a2a.A2aMetadata#CONTEXT_EXTENSION}): verified like a native
 *       delegation token ({@link ContextTokenVerifier#verify}: signature, issuer, lifetime, audience = this agent,
 *       bound to the message text, chain rules, single use); a trust edge last actor → agent must be declared here;
 *       then {@code DELEGATION} (direction inbound, protocol a2a) passes this service's governor. The task runs
 *       with the token's principal, chain and labels. A server without a verifier refuses such a token
 *       ({@link A2aCodes#CONTEXT_NOT_ACCEPTED}) rather than ignore it.</li>
 * </ul>
 * Every refusal is recorded at {@code DELEGATION} in this service's audit trail, attributed to the authenticated A2A
 * caller. Thread-safe.
 */
final class InboundAdmission {
    /** What the executor runs with, or why it does not run. */
    record Admission(GovernanceContext context, String code, String reason) {
        boolean admitted() {
            return context != null;
        }

        static Admission refused(String code, String reason) {
            return new Admission(null, code, reason);
        }
    }

    private final AgentDirectory directory;
    private final Governor governor;
    private final ContextTokenVerifier verifier;

    /** @param verifier {@code null}: this server accepts no Warden context tokens */
    InboundAdmission(AgentDirectory directory, Governor governor, ContextTokenVerifier verifier) {
        this.directory = directory;
        this.governor = governor;
        this.verifier = verifier;
    }

    Admission admit(Principal caller, AgentIdentity agent, String task, Object token) {
        return admit(caller, agent, task, token, null);
    }

    /** @param rootRequest the message's {@link dev.warden.a2a.A2aMetadata#ROOT_REQUEST}, or {@code null} (decision 0073) */
    Admission admit(Principal caller, AgentIdentity agent, String task, Object token, Object rootRequest) {
        GovernanceContext authenticated = GovernanceContext.of(caller, AgentIdentity.of("a2a:" + caller.id()));
        if (rootRequest != null && (token == null || !(rootRequest instanceof String))) {
            // a root request is the person's words only as a Warden peer signed it; nothing else may claim to be one
            return refuse(authenticated, agent.id(), A2aCodes.BAD_ROOT_REQUEST, token == null
                    ? "a root request came without a Warden context token to bind it"
                    : "the root request is not a string");
        }
        if (token == null) {
            return new Admission(GovernanceContext.of(caller, agent), null, null);
        }
        if (verifier == null || !(token instanceof String jws)) {
            return refuse(authenticated, agent.id(), A2aCodes.CONTEXT_NOT_ACCEPTED, verifier == null
                    ? "this A2A server accepts no Warden context token" : "the context token is not a string");
        }
        ContextClaims claims;
        try {
            claims = verifier.verify(jws, agent.id(), task, (String) rootRequest);
        } catch (ContextTokenException e) {
            return refuse(authenticated, agent.id(), e.code(), e.getMessage());
        }
        GovernanceContext callee = claims.toContext(agent, (String) rootRequest);
        GovernanceContext from = claims.callerContext(agent); // as DelegationReceiver: one definition of the sender
        String sender = from.agent().id();
        if (directory.edge(sender, agent.id()).filter(e -> e.admits(claims.purpose())).isEmpty()) {
            return refuse(from, agent.id(), DelegationCodes.UNTRUSTED_EDGE, "no trust edge " + sender
                    + " -> " + agent.id() + " is declared by this service");
        }
        Verdict v = governor.evaluate(request(agent.id(), task, callee), from).await().indefinitely();
        return v.proceeds() ? new Admission(callee, null, null) : Admission.refused(v.code(), v.reason());
    }

    private Admission refuse(GovernanceContext caller, String agentId, String code, String reason) {
        CheckpointRequest cp = request(agentId, null, null);
        governor.record(cp, caller, Verdict.synthetic(cp, Outcome.DENY, reason, code), null);
        return Admission.refused(code, reason);
    }

    private static CheckpointRequest request(String agentId, String task, GovernanceContext callee) {
        return new CheckpointRequest(Checkpoint.DELEGATION, 0, null, null, null, task,
                callee == null ? null : callee.labels(), agentId, Map.of("direction", "inbound", "protocol", "a2a"));
    }
}
