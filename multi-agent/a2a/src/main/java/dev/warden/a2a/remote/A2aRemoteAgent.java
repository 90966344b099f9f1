package dev.warden.a2a.remote;

import dev.warden.core.AgentIdentity;
import dev.warden.core.Integrity;
import dev.warden.core.Labels;
import dev.warden.delegation.AgentCard;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A remote agent reached over A2A, as configured by the caller's operator.
 *
 * @param agentId the id the caller's directory and trust edges use (for a {@link Trust#PEER}, also the audience of
 *     the context token: the agent id the Warden callee serves)
 * @param baseUrl the agent's base URL; its card is served at {@code {baseUrl}/.well-known/agent-card.json}
 * @param trust whether it is a Warden service inside this trust domain
 * @param declaredLabels what an {@link Trust#EXTERNAL} agent's answers are taken to hold (its own statements are not
 *     believed); their integrity is always {@link Integrity#UNTRUSTED}
 * @param bearer the credential presented to it ({@code Authorization: Bearer}); {@code null} for none
 */
public record A2aRemoteAgent(String agentId, URI baseUrl, Trust trust, Labels declaredLabels,
        Supplier<String> bearer) {

    /** Where a remote agent stands relative to this service's trust domain. */
    public enum Trust {
        /**
         * A Warden service of the same trust domain: it receives the signed context token (original user, actor
         * chain, labels) and its answer is labelled as it states ({@code warden.dev/labels}; none stated counts as
         * holding anything, untrusted).
         */
        PEER,
        /**
         * Anything else: it receives only the task text and this service's credential, never the user or the labels;
         * its answer is {@link Integrity#UNTRUSTED} content labelled {@code declaredLabels}, and codes it states are
         * not believed.
         */
        EXTERNAL
    }

    public A2aRemoteAgent {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(trust, "trust");
        declaredLabels = declaredLabels == null ? Labels.PUBLIC : declaredLabels;
    }

    /** An agent outside the trust domain whose answers are untrusted, public content. */
    public static A2aRemoteAgent external(String agentId, URI baseUrl, Supplier<String> bearer) {
        return new A2aRemoteAgent(agentId, baseUrl, Trust.EXTERNAL, Labels.PUBLIC, bearer);
    }

    /** A Warden peer in this trust domain. */
    public static A2aRemoteAgent peer(String agentId, URI baseUrl, Supplier<String> bearer) {
        return new A2aRemoteAgent(agentId, baseUrl, Trust.PEER, null, bearer);
    }

    /** Its inventory entry: a remote card whose endpoint is the A2A base URL, listed with the other agents. */
    public AgentCard inventoryCard(String owner, String description) {
        return AgentCard.remote(new AgentIdentity(agentId, "a2a", owner), "[A2A, " + trust.name().toLowerCase(
                java.util.Locale.ROOT) + "] " + description, baseUrl);
    }

    /** Labels of an answer it gave, stated labels as read (or {@code null}) for a peer. */
    Labels answerLabels(Labels stated) {
        if (trust == Trust.EXTERNAL) {
            return declaredLabels.withIntegrity(Integrity.UNTRUSTED);
        }
        return stated != null ? stated : Labels.UNRESTRICTED.withIntegrity(Integrity.UNTRUSTED);
    }
}
