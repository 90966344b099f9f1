package dev.warden.quarkus.delegation;

import dev.warden.core.tools.ToolRegistry;
import dev.warden.delegation.AgentCard;
import dev.warden.delegation.AgentDirectory;
import dev.warden.delegation.TrustEdge;
import dev.warden.quarkus.WardenAgent;
import dev.warden.quarkus.runtime.AgentBeans;
import dev.warden.quarkus.runtime.ToolCatalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the service's {@link AgentDirectory}: one card per {@code @WardenAgent} class, one per configured remote
 * agent, and the configured trust edges. A local card lists the tool methods the extension discovered for the agent
 * at build time ({@link ToolCatalog}), exactly those its agent runs; scanning the bean instead would see no
 * {@code @Tool} on an intercepted bean, whose class is a generated subclass. (The {@code delegate} tool is added to
 * the agent later.) A remote agent with a URL whose id is also local is routed remotely: its card keeps the local
 * facts and gets the URL as endpoint.
 */
final class DirectoryFactory {
    private DirectoryFactory() {}

    static AgentDirectory build(List<String> agentClasses, ToolCatalog catalog, DelegationConfig config) {
        Map<String, AgentCard> cards = new LinkedHashMap<>();
        for (String className : agentClasses) {
            Class<?> type = AgentBeans.load(className);
            WardenAgent def = type.getAnnotation(WardenAgent.class);
            cards.put(def.id(), localCard(type, def, catalog));
        }
        config.remote().forEach((id, remote) -> {
            AgentCard local = cards.get(id);
            URI url = remote.url().orElse(null);
            String description = remote.description().orElse(local != null ? local.description()
                    : url == null ? "an agent of another service (caller only)" : "an agent of another service");
            cards.put(id, local != null
                    ? new AgentCard(id, local.version(), local.owner(), description, local.model(), local.tools(),
                            local.policySets(), List.of(), url)
                    : new AgentCard(id, null, null, description, null, List.of(), List.of(), List.of(), url));
        });
        AgentDirectory.Builder b = AgentDirectory.builder();
        cards.values().forEach(b::agent);
        List<String> errors = new ArrayList<>();
        config.edges().forEach((from, edges) -> {
            if (!cards.containsKey(from)) {
                errors.add("warden.delegation.edges." + from + ": no local or remote agent '" + from + "'");
                return;
            }
            for (String to : edges.to()) {
                if (!cards.containsKey(to)) {
                    errors.add("warden.delegation.edges." + from + ".to: no local or remote agent '" + to
                            + "' (local: " + agentIds(cards) + "; remote agents are configured under "
                            + "warden.delegation.remote)");
                } else {
                    b.edge(new TrustEdge(from, to, edges.scopes().orElse(Set.of()),
                            edges.purposes().orElse(Set.of())));
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new IllegalStateException(DelegationStartupCodes.UNKNOWN_EDGE_AGENT
                    + " Warden delegation is misconfigured:\n  - " + String.join("\n  - ", errors));
        }
        return b.build();
    }

    /** Ids of the {@code @WardenAgent}s of this application. */
    static Set<String> localIds(List<String> agentClasses) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        agentClasses.forEach(c -> ids.add(AgentBeans.load(c).getAnnotation(WardenAgent.class).id()));
        return ids;
    }

    private static AgentCard localCard(Class<?> type, WardenAgent def, ToolCatalog catalog) {
        List<Class<?>> toolTypes = new ArrayList<>();
        toolTypes.add(type);
        toolTypes.addAll(List.of(def.tools()));
        ToolRegistry.Builder registry = ToolRegistry.builder();
        for (Class<?> t : toolTypes) { // the methods discovered at build time, no scan here
            Object bean = AgentBeans.instance(t);
            catalog.toolMethods(t).forEach(m -> registry.method(bean, m));
        }
        List<AgentCard.ToolSummary> tools = registry.build().descriptors().stream()
                .map(AgentCard.ToolSummary::of).toList();
        String model = def.model().isEmpty() ? null : def.model();
        return new AgentCard(def.id(), def.version(), def.owner(), def.description(), model, tools,
                List.of(def.policies()), List.of(), null);
    }

    private static List<String> agentIds(Map<String, AgentCard> cards) {
        return cards.values().stream().filter(c -> !c.isRemote()).map(AgentCard::id).toList();
    }


}
