package dev.warden.a2a.server;

import dev.warden.a2a.A2aMetadata;
import dev.warden.core.Effect;
import dev.warden.core.ToolDescriptor;
import dev.warden.core.agent.GovernedAgent;
import io.a2a.spec.AgentCapabilities;
import io.a2a.spec.AgentCard;
import io.a2a.spec.AgentExtension;
import io.a2a.spec.AgentProvider;
import io.a2a.spec.AgentSkill;
import io.a2a.spec.HTTPAuthSecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The A2A agent card of a Warden agent, generated from what the inventory knows: name, version and owner from the
 * agent's identity, description from its inventory card, one skill per tool (the tool's description, its effects as
 * tags, so a caller sees what the agent can touch), and the authentication the server enforces as the card's only
 * security scheme ({@value #BEARER_SCHEME}: HTTP bearer, JWT). Streaming is declared, push notifications are not. The
 * card advertises Warden's context extension (not required: a non-Warden caller simply does not send it).
 *
 * <pre>{@code
 * AgentCard card = A2aAgentCards.of(agent, inventoryCard, "https://research.example.com/a2a/researcher");
 * }</pre>
 */
public final class A2aAgentCards {
    /** Name of the security scheme in the card. */
    public static final String BEARER_SCHEME = "bearer";

    private A2aAgentCards() {}

    /**
     * @param agent the governed agent served
     * @param inventory its inventory card (description, owner, version)
     * @param url the absolute URL of the JSON-RPC endpoint serving it
     */
    public static AgentCard of(GovernedAgent agent, dev.warden.delegation.AgentCard inventory, String url) {
        Objects.requireNonNull(url, "url");
        List<AgentSkill> skills = new ArrayList<>();
        for (ToolDescriptor d : agent.toolRegistry().descriptors()) {
            String description = d.specification() != null && d.specification().description() != null
                    ? d.specification().description() : d.name();
            List<String> tags = new ArrayList<>();
            for (Effect e : d.effects()) {
                tags.add("effect:" + e.name().toLowerCase(java.util.Locale.ROOT));
            }
            tags.add("risk:" + d.risk().name().toLowerCase(java.util.Locale.ROOT));
            skills.add(new AgentSkill.Builder().id(d.name()).name(d.name()).description(description).tags(tags)
                    .build());
        }
        if (skills.isEmpty()) { // a card must list at least one skill: the agent's task itself
            skills.add(new AgentSkill.Builder().id(inventory.id()).name(inventory.id())
                    .description(inventory.description().isBlank() ? inventory.id() : inventory.description())
                    .tags(List.of("task")).build());
        }
        AgentExtension context = new AgentExtension.Builder().uri(A2aMetadata.CONTEXT_EXTENSION).required(false)
                .description("Warden signed context token (original user, actor chain, labels) in message metadata "
                        + "'" + A2aMetadata.CONTEXT_TOKEN + "'").build();
        return new AgentCard.Builder()
                .name(inventory.id())
                .description(inventory.description().isBlank() ? inventory.id() : inventory.description())
                .url(url)
                .version(inventory.version())
                .provider(new AgentProvider(inventory.owner(), url))
                .capabilities(new AgentCapabilities.Builder().streaming(true).pushNotifications(false)
                        .stateTransitionHistory(false).extensions(List.of(context)).build())
                .defaultInputModes(List.of("text"))
                .defaultOutputModes(List.of("text"))
                .skills(skills)
                .securitySchemes(Map.of(BEARER_SCHEME, new HTTPAuthSecurityScheme.Builder().scheme("bearer")
                        .bearerFormat("JWT").description("the user's or calling service's token (RFC 6750)").build()))
                .security(List.of(Map.of(BEARER_SCHEME, List.of())))
                .build();
    }
}
